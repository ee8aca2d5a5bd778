using AntiCorruption.Core.Staff;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.LocalHost;

/// <summary>
/// <c>token [--roles A,B] [--regions All|8,9] [--sub name] [--hours n]</c>: prints a staff token signed with the local
/// <c>StaffAuth__SigningKey</c>, so the staff routes can be tried on a local run. In Azure, staff
/// sign in with Entra ID and this key does not exist.
/// </summary>
public static class LocalStaffToken
{
    public static int Print(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new ConfigurationBuilder()
            .AddLocalSettings(LocalSettings.Find(Directory.GetCurrentDirectory()))
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(StaffAuthOptions.Section).Get<StaffAuthOptions>() ?? new StaffAuthOptions();
        if (options.SigningKey.Length == 0)
        {
            Console.Error.WriteLine("StaffAuth__SigningKey is not set: local tokens need it (see local.settings.template.json).");
            return 2;
        }

        string Option(string name, string fallback) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var duties = Option("--roles", $"{StaffRoles.ComplaintsRead},{StaffRoles.ComplaintsManage},{StaffRoles.WorkshopsManage},{StaffRoles.SummariesRead}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A scope role beside the duties: head office unless regions are named.
        var scopes = Option("--regions", "All")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(region => $"Region.{region}");
        var roles = duties.Concat(scopes).ToArray();
        var hours = double.Parse(Option("--hours", "8"), System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine(StaffAuthenticator.IssueLocalToken(options, Option("--sub", "local-officer"), roles, DateTimeOffset.UtcNow.AddHours(hours)));
        return 0;
    }
}
