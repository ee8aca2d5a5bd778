using System.Diagnostics;
using OpenTelemetry;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// Applies <see cref="TelemetryScrubber"/> to every span as it ends, before any exporter sees it
/// (it is the first processor; exporters are added after it). Attributes are removed or rewritten,
/// the name and status description reduced. Events cannot be edited once added: a span whose events
/// hold something the rules would remove is not exported at all.
/// </summary>
internal sealed class ScrubbingActivityProcessor : BaseProcessor<Activity>
{
    private const int MaxDescription = 256;

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<KeyValuePair<string, string?>>? changes = null;
        foreach (var (key, value) in data.EnumerateTagObjects())
        {
            if (TelemetryScrubber.IsDropped(key))
            {
                (changes ??= []).Add(new(key, null));
            }
            else if (value is string text && TelemetryScrubber.Value(key, text) is var scrubbed && !ReferenceEquals(scrubbed, text) && scrubbed != text)
            {
                (changes ??= []).Add(new(key, scrubbed));
            }
            else if (value is string[] texts && texts.Any(t => TelemetryScrubber.Text(t) != t))
            {
                (changes ??= []).Add(new(key, "[removed]"));
            }
        }

        if (changes is not null)
        {
            foreach (var (key, value) in changes)
            {
                data.SetTag(key, value);
            }
        }

        var name = TelemetryScrubber.Text(TelemetryScrubber.Url(data.DisplayName));
        if (name != data.DisplayName)
        {
            data.DisplayName = name;
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, Describe(description));
        }

        if (!EventsAreClean(data))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    /// <summary>The first line of a status description (an SDK may put a whole exception there), scrubbed.</summary>
    private static string Describe(string description)
    {
        var line = description.AsSpan();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        if (line.Length > MaxDescription)
        {
            line = line[..MaxDescription];
        }

        return TelemetryScrubber.Text(line.ToString());
    }

    private static bool EventsAreClean(Activity data)
    {
        foreach (ref readonly var activityEvent in data.EnumerateEvents())
        {
            foreach (ref readonly var tag in activityEvent.EnumerateTagObjects())
            {
                if (TelemetryScrubber.IsDropped(tag.Key) || (tag.Value is string text && TelemetryScrubber.Text(text) != text))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
