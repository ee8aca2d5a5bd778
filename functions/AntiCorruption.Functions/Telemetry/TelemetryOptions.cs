namespace AntiCorruption.Functions.Telemetry;

/// <summary>Local telemetry switches (section <c>Telemetry</c>); Azure needs none of them.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Also write spans, metrics and log records to the console (<c>Telemetry__Console=true</c>), to see locally what would be sent.</summary>
    public bool Console { get; set; }
}
