using AntiCorruption.Core.ReferenceData;
using AntiCorruption.Core.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace AntiCorruption.Functions.Operations;

public static class RetentionServices
{
    /// <summary>
    /// The retention schedule, loaded while the host is built like the other seeds, so a schedule
    /// that is wrong stops the app from starting; and the run that applies it.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton(RetentionSchedule.Load(SeedLoader.DefaultDirectory));
        services.AddSingleton<RetentionProgress>();
        services.AddSingleton<RetentionRun>();
        return services;
    }
}
