using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace AntiCorruption.Functions.Telemetry;

/// <summary>
/// Applies <see cref="TelemetryScrubber"/> to every log record before any exporter sees it: its
/// structured properties (removed by key, values scrubbed; values of other types than numbers,
/// times and ids are scrubbed as the text an exporter would send), its formatted message, and an
/// exception whose message (or an inner one's) would be changed, which is replaced by one that
/// carries the scrubbed message, the original type's name and the original stack trace as text.
/// </summary>
internal sealed class ScrubbingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Attributes is { Count: > 0 } attributes && attributes.Any(NeedsChange))
        {
            data.Attributes = attributes
                .Where(a => !TelemetryScrubber.IsDropped(a.Key))
                .Select(a => new KeyValuePair<string, object?>(a.Key, Scrub(a.Key, a.Value)))
                .ToList();
        }

        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = TelemetryScrubber.Text(message);
        }

        if (data.Body is { } body)
        {
            data.Body = TelemetryScrubber.Text(body);
        }

        if (data.Exception is { } exception && ScrubbedException.Of(exception) is { } replacement)
        {
            data.Exception = replacement;
        }
    }

    private static bool NeedsChange(KeyValuePair<string, object?> attribute) =>
        TelemetryScrubber.IsDropped(attribute.Key) || !Equals(Scrub(attribute.Key, attribute.Value), attribute.Value);

    private static object? Scrub(string key, object? value) => value switch
    {
        null or bool or byte or short or int or long or float or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
        string text => TelemetryScrubber.Value(key, text),
        _ => TelemetryScrubber.Value(key, value.ToString() ?? ""),
    };
}

/// <summary>An exception whose message held what <see cref="TelemetryScrubber"/> removes, as it may leave.</summary>
internal sealed class ScrubbedException(string message) : Exception(message)
{
    /// <summary>A stand-in when the message chain would change, else null.</summary>
    public static ScrubbedException? Of(Exception exception)
    {
        var changed = false;
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var scrubbed = TelemetryScrubber.Text(e.Message);
            changed |= scrubbed != e.Message;
            parts.Add($"{e.GetType().FullName}: {scrubbed}");
        }

        return changed
            ? new ScrubbedException(string.Join(" ---> ", parts) + Environment.NewLine + TelemetryScrubber.Text(exception.StackTrace ?? new StackTrace(exception).ToString()))
            : null;
    }
}
