using AntiCorruption.Core.Staff;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.LocalHost;

/// <summary>
/// <c>token [--roles A,B] [--sub name] [--hours n]</c>: prints a staff token signed with the local
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
        var roles = Option("--roles", $"{StaffRoles.ComplaintsRead},{StaffRoles.ComplaintsManage},{StaffRoles.WorkshopsManage},{StaffRoles.SummariesRead}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hours = double.Parse(Option("--hours", "8"), System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine(StaffAuthenticator.IssueLocalToken(options, Option("--sub", "local-officer"), roles, DateTimeOffset.UtcNow.AddHours(hours)));
        return 0;
    }
}
