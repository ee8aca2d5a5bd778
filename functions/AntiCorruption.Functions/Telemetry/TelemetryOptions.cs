namespace AntiCorruption.Functions.Telemetry;

/// <summary>Local telemetry switches (section <c>Telemetry</c>); Azure needs none of them.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Also write spans, metrics and log records to the console (<c>Telemetry__Console=true</c>), to see locally what would be sent.</summary>
    public bool Console { get; set; }

    /// <summary>
    /// Record spans and log records though no exporter is configured (<c>Telemetry__Record=true</c>),
    /// for a test that attaches its own exporter to the running host.
    /// </summary>
    public bool Record { get; set; }
}
