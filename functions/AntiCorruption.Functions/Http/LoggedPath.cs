using AntiCorruption.Core.Complaints;
using Microsoft.AspNetCore.Http;

namespace AntiCorruption.Functions.Http;

/// <summary>
/// A request path as a log line shows it. Staff routes name a case by its id, a ULID whose first
/// symbols are the receipt time to the millisecond: logs leave the app (to monitoring, to whoever
/// runs it), so such a segment is written as <c>{id}</c>. The rest of the path says which route
/// failed. Made into text only when a line is written.
/// </summary>
public readonly record struct LoggedPath(PathString Path)
{
    public override string ToString() =>
        string.Join('/', (Path.Value ?? "").Split('/').Select(segment => ComplaintIds.IsValid(segment.ToUpperInvariant()) ? "{id}" : segment));
}
