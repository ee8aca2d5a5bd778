namespace AntiCorruption.Core.Tracking;

/// <summary>Which keyed check a well-formed code carries.</summary>
public enum CodeCheck
{
    /// <summary>None this service gives: mistyped, invented, from another deployment, or a code of the other kind.</summary>
    None,

    /// <summary>The check of its own kind: issued as this kind of code.</summary>
    Own,

    /// <summary>
    /// The one check both kinds carried before each had its own: issued by this service, but of
    /// either kind, so only a stored row can say it is this one.
    /// </summary>
    Shared,
}
