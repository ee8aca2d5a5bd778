namespace AntiCorruption.Core.Events;

/// <summary>Settings of the events path (<c>Events__HoldComplaintEvents</c>).</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>
    /// Complaint events wait for the end of their Bangkok day before they leave (see
    /// <see cref="ComplaintEventRelease"/>). On by default and in Azure; the integration tests
    /// switch it off to read events as they happen.
    /// </summary>
    public bool HoldComplaintEvents { get; set; } = true;
}
