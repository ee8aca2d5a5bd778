using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace AntiCorruption.LocalHost;

/// <summary>
/// Fires one timer-triggered function on its NCRONTAB schedule (six fields, with seconds, in UTC
/// as on Azure's Linux plans). <c>%Name%</c> schedules are read from app settings first.
/// </summary>
public sealed partial class TimerTriggerScheduler(
    FunctionDefinition function,
    CrontabSchedule schedule,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (function.RunOnStartup)
        {
            last = await FireAsync(last, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            last = await FireAsync(last, stoppingToken);
        }
    }

    private async Task<DateTime> FireAsync(DateTime? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timer = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        try
        {
            await invoker.InvokeTimerAsync(function, timer, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, function.Name);
        }

        return now;
    }

    /// <summary>Resolves <c>%Setting%</c> and parses five- or six-field NCRONTAB.</summary>
    public static CrontabSchedule Parse(string expression, Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(setting);
        var resolved = expression;
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var name = expression[1..^1];
            resolved = setting(name) ?? throw new InvalidOperationException($"The schedule refers to app setting {name}, which is not set.");
        }

        var fields = resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(resolved, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
