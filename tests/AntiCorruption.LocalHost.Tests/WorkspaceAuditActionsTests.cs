using System.Text.RegularExpressions;
using AntiCorruption.Core.Audit;
using AntiCorruption.Testing;

namespace AntiCorruption.LocalHost.Tests;

/// <summary>
/// The workspace's audit screen offers every action the app records as a filter, each named in
/// Thai and English: an action added to the app without them could not be looked for.
/// </summary>
public partial class WorkspaceAuditActionsTests
{
    private static readonly string Workspace = Path.Combine(RepoPaths.Root, "functions", "AntiCorruption.Functions", "Pages", "workspace");

    [Fact]
    public void AuditScreen_FiltersByEveryRecordedAction_EachNamedInBothLanguages()
    {
        var screen = File.ReadAllText(Path.Combine(Workspace, "workspace-audit.js"));
        var list = ActionList().Match(screen);
        Assert.True(list.Success, "workspace-audit.js declares its ACTIONS list");
        var offered = Quoted().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value);

        Assert.Equal(AuditActions.All.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));

        var texts = File.ReadAllText(Path.Combine(Workspace, "workspace-reports.js"));
        foreach (var action in AuditActions.All)
        {
            Assert.Equal(2, Regex.Count(texts, $"\"auditAction_{Regex.Escape(action)}\":"));
        }
    }

    [GeneratedRegex(@"var ACTIONS = \[([^\]]*)\]")]
    private static partial Regex ActionList();

    [GeneratedRegex("\"([a-z_.]+)\"")]
    private static partial Regex Quoted();
}
