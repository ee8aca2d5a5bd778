using AntiCorruption.Core.Abuse;
using AntiCorruption.Core.Attachments;
using AntiCorruption.Core.Audit;
using AntiCorruption.Core.Complaints;
using AntiCorruption.Core.Events;
using AntiCorruption.Core.Hotspots;
using AntiCorruption.Core.Line;
using AntiCorruption.Core.Privacy;
using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Secrets;
using AntiCorruption.Core.Staff;
using AntiCorruption.Core.Storage;
using AntiCorruption.Core.Summaries;
using AntiCorruption.Core.Tracking;
using AntiCorruption.Core.Workshops;
using AntiCorruption.Functions.Operations;
using AntiCorruption.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AntiCorruption.Functions;

/// <summary>
/// Everything the functions depend on, registered once for both hosts: the Functions worker
/// (Program.cs) and the LocalHost.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddAntiCorruption(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddReferenceData()
            .AddRetention()
            .AddSecretReferences(configuration)
            .AddPrivacy(configuration)
            .AddStorage(configuration)
            .AddRateLimits(configuration)
            .AddStaffAuth(configuration)
            .AddComplaints()
            .AddWorkshops()
            .AddLine(configuration)
            .AddNotifications(configuration)
            .AddSummaries()
            .AddEvents(configuration)
            .AddTelemetry(configuration);

    public static IServiceCollection AddReferenceData(this IServiceCollection services)
    {
        // A host may bring its own clock (tests ask a running app about a later hour); the wall clock otherwise.
        services.TryAddSingleton(TimeProvider.System);
        // Loaded here, while the host is built, so inconsistent seeds stop the app from starting.
        services.AddSingleton(SeedLoader.Load(SeedLoader.DefaultDirectory));
        return services;
    }

    /// <summary>
    /// Settings the platform left as Key Vault references (not resolvable yet at start) are read
    /// by the app itself until they resolve; meanwhile health says which, and what needs them answers 503.
    /// </summary>
    public static IServiceCollection AddSecretReferences(this IServiceCollection services, IConfiguration configuration)
    {
        var pending = PendingSecrets.Find(configuration);
        services.AddSingleton(pending);
        if (!pending.AnyAtStart)
        {
            return services;
        }

        // Both hosts build on a ConfigurationManager: a source added now sits above the others.
        var builder = configuration as IConfigurationBuilder
            ?? throw new InvalidOperationException("Key Vault references need a configuration that accepts another source.");
        var resolved = new ResolvedSecrets();
        builder.Add(resolved);
        services.AddSingleton(resolved);
        // The identity the platform resolves references with: the app's one user-assigned identity.
        var clientId = configuration["AzureWebJobsStorage:clientId"];
        services.TryAddSingleton<ISecretReader>(_ => new KeyVaultSecretReader(
            string.IsNullOrEmpty(clientId) ? new Azure.Identity.DefaultAzureCredential() : new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(clientId))));
        services.AddHostedService<SecretReferenceResolver>();
        return services;
    }

    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PiiOptions>()
            .Bind(configuration.GetSection(PiiOptions.Section))
            .Validate(o => IsKeyOrPending(o.Key), "Pii:Key must be base64 of 32 bytes.")
            .Validate(o => IsKeyOrPending(o.HashKey), "Pii:HashKey must be base64 of 32 bytes.")
            .ValidateOnStart();
        // From the monitor, so that keys resolved from Key Vault after start take effect.
        services.AddSingleton(sp => new PiiProtector(sp.GetRequiredService<IOptionsMonitor<PiiOptions>>()));
        services.AddSingleton(sp => new KeyedHasher(sp.GetRequiredService<IOptionsMonitor<PiiOptions>>()));
        services.AddSingleton<PersonalDataReseal>();
        services.AddSingleton<TrackingCodes>();
        services.AddSingleton<ConfirmationCodes>();
        services.AddSingleton<ComplaintReferences>();
        return services;
    }

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton<StorageHealth>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.ComplaintsPerHour >= 0 && o.LookupsPerHour >= 0 && o.RegistrationsPerHour >= 0 && o.ReadsPerHour >= 0 && o.LineMessagesPerHour >= 0 && o.RefusedWebhookCallsPerHour >= 0, "Rate limits must be 0 (off) or more.")
            .Validate(o => o.SharedCounterTimeout > TimeSpan.Zero, "RateLimit:SharedCounterTimeout must be more than zero.")
            .ValidateOnStart();
        services.AddOptions<ClientAddressOptions>()
            .Bind(configuration.GetSection(ClientAddressOptions.Section))
            .Validate(o => o.TrustedHops >= 1, "ClientAddress:TrustedHops must be 1 or more.")
            .ValidateOnStart();
        services.AddSingleton<IRateCounters, TableRateCounters>();
        services.AddSingleton<ClientRateLimits>();
        services.AddSingleton<AntiCorruption.Functions.Http.PublicRouteLimits>();
        return services;
    }

    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddSingleton<ComplaintValidator>();
        services.AddSingleton<ComplaintQueueWriter>();
        services.AddSingleton<ComplaintStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ComplaintIntake>();
        services.AddSingleton<ComplaintProcessor>();
        services.AddSingleton<ReporterCaseLookup>();
        services.AddSingleton<ComplaintStatusQuery>();
        services.AddSingleton<ComplaintHistory>();
        services.AddSingleton<ComplaintWork>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<EvidenceCleaner>();
        services.AddSingleton<EvidenceIntake>();
        services.AddSingleton<EarlierEvidenceSteps>();
        services.AddSingleton<EarlierEvidenceSealing>();
        services.AddSingleton<AuditTrailStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<RefusedCallRecorder>();
        services.AddSingleton<StaffComplaints>();
        services.AddSingleton<StaffComplaintList>();
        services.AddSingleton<StaffCaseChanges>();
        services.AddSingleton<ReporterIdentityAccess>();
        services.AddSingleton<InternalNotes>();
        services.AddSingleton<CaseLinks>();
        services.AddSingleton<CaseAssignment>();
        services.AddSingleton<CaseLinking>();
        services.AddSingleton<CaseReclassification>();
        services.AddSingleton<OverdueCheck>();
        services.AddSingleton<Core.Retention.ExpiredRecords>();
        services.AddSingleton<Core.Operations.PoisonReplay>();
        services.AddSingleton<ReporterIdentityWithdrawal>();
        services.AddSingleton<ReporterEmailNotices>();
        services.AddSingleton<LegalHolds>();
        return services;
    }

    public static IServiceCollection AddWorkshops(this IServiceCollection services)
    {
        services.AddSingleton<WorkshopValidator>();
        services.AddSingleton<WorkshopCatalog>();
        services.AddSingleton<RegistrationValidator>();
        services.AddSingleton<RegistrationIntake>();
        services.AddSingleton<WaitlistPositions>();
        services.AddSingleton<RegistrationLookup>();
        services.AddSingleton<SeatAnnouncements>();
        services.AddSingleton<RegistrationDesk>();
        services.AddSingleton<AttendeeList>();
        services.AddSingleton<StaffWorkshops>();
        services.AddSingleton<IStorageSeed, WorkshopSeeds>();
        services.AddSingleton<IStorageSeed, LegacyAuditImport>();
        services.AddSingleton<RegistrantIndex>();
        services.AddSingleton<RegistrationRecords>();
        services.AddSingleton<RegistrationErasure>();
        services.AddSingleton<RegistrantRights>();
        services.AddSingleton<RegistrationDataRequests>();
        services.AddSingleton<IStorageSeed, RegistrantIndexBackfill>();
        return services;
    }

    public static IServiceCollection AddLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LineOptions>()
            .Bind(configuration.GetSection(LineOptions.Section))
            .Validate(o => Uri.IsWellFormedUriString(o.ApiBaseUrl, UriKind.Absolute) && Uri.IsWellFormedUriString(o.DataApiBaseUrl, UriKind.Absolute), "Line:ApiBaseUrl and Line:DataApiBaseUrl must be absolute URLs.")
            .ValidateOnStart();
        services.AddHttpClient<LineClient>(client => client.Timeout = TimeSpan.FromSeconds(20))
            // When LineClient stops reading content over the size limit, the connection is closed
            // at once: by default the handler may read on to the end to reuse the connection,
            // pulling in the very bytes the limit is there to refuse.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        services.AddSingleton<LineConversationStore>();
        services.AddSingleton<LineNotifyLinks>();
        // Per invocation, like the typed HttpClient they use.
        services.AddTransient<LineTipFlow>();
        services.AddTransient<LineStatusFlow>();
        services.AddTransient<LineRegistrationFlow>();
        services.AddTransient<LineNotificationFlow>();
        // For the notifications dispatcher (case.news): it uses the typed LINE client, so per use too.
        services.AddTransient<AntiCorruption.Core.Notifications.ReporterLinePush>();
        services.AddTransient<LineBot>();
        services.AddTransient<LineEventProcessor>();
        return services;
    }

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Core.Notifications.Mail.MailOptions>()
            .Bind(configuration.GetSection(Core.Notifications.Mail.MailOptions.Section))
            .Validate(o => !o.Enabled || ((o.IsLocal || (Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme == Uri.UriSchemeHttps)) && o.SenderAddress.Contains('@', StringComparison.Ordinal)), "Mail:Endpoint must be https (or http on a loopback address, for the local stand-in) and Mail:SenderAddress an address when mail is on.")
            .ValidateOnStart();
        services.AddOptions<Core.Notifications.NotificationOptions>().Bind(configuration.GetSection(Core.Notifications.NotificationOptions.Section));
        services.AddSingleton<Core.Notifications.Mail.MailCredential>();
        services.AddHttpClient<Core.Notifications.Mail.AcsEmailClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Core.Notifications.NoticeOutbox>();
        services.AddSingleton<Core.Notifications.SentNotices>();
        services.AddSingleton<Core.Notifications.StaffDirectory>();
        services.AddSingleton<Core.Notifications.OverdueCases>();
        services.AddSingleton<Core.Notifications.DailyNotices>();
        services.AddSingleton<Core.Notifications.RegistrationCodeResend>();
        // Per invocation, like the typed HttpClient they send with.
        services.AddTransient<Core.Notifications.MailDelivery>();
        services.AddTransient<Core.Notifications.ReporterNotices>();
        services.AddTransient<Core.Notifications.OfficerNotices>();
        services.AddTransient<Core.Notifications.RegistrantNotices>();
        services.AddTransient<Core.Notifications.NotificationDispatcher>();
        return services;
    }

    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddSingleton<IFiscalYearComplaints>(sp => sp.GetRequiredService<ComplaintStore>());
        services.AddSingleton<SummaryCompiler>();
        services.AddSingleton<SummaryArchive>();
        services.AddSingleton<Core.Statistics.PublicStatisticsStore>();
        services.AddSingleton<Statistics.StatisticsPageContent>();
        services.AddSingleton<Pages.PageContent>();
        services.AddSingleton<Pages.WorkspaceContent>();
        return services;
    }

    /// <summary>Events go to Service Bus when a namespace is configured (Azure), else to a storage queue (local).</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.Section));
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.Section));
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<HotspotScan>();
        var bus = configuration.GetSection(ServiceBusOptions.Section).Get<ServiceBusOptions>() ?? new ServiceBusOptions();
        if (bus.FullyQualifiedNamespace.Length == 0)
        {
            services.AddSingleton<IEventPublisher, QueueEventPublisher>();
            return services;
        }

        services.AddSingleton(_ => new Azure.Messaging.ServiceBus.ServiceBusClient(
            bus.FullyQualifiedNamespace,
            bus.ClientId.Length > 0 ? new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(bus.ClientId)) : new Azure.Identity.DefaultAzureCredential()));
        services.AddSingleton(sp => sp.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>().CreateSender(bus.TopicName));
        services.AddSingleton<IEventPublisher, ServiceBusEventPublisher>();
        return services;
    }

    public static IServiceCollection AddStaffAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffAuthOptions>()
            .Bind(configuration.GetSection(StaffAuthOptions.Section))
            .Validate(o => o.Issuers.Count > 0 && o.Audiences.Count > 0, "StaffAuth:Issuer and StaffAuth:Audience must be set.")
            .Validate(o => o.SigningKey.Length == 0 || IsBase64(o.SigningKey), "StaffAuth:SigningKey must be base64.")
            .ValidateOnStart();
        services.AddSingleton(new RuntimePlatform(!string.IsNullOrEmpty(configuration[RuntimePlatform.AzureMarker])));
        services.AddSingleton<StaffAuthenticator>();
        services.AddSingleton<LocalSignIn>();
        return services;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out var length) && length >= 32;

    private static bool IsKeyOrPending(string value) => IsKey(value) || KeyVaultReference.IsReference(value);

    private static bool IsKey(string base64)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length == 32;
    }
}
