using AntiCorruption.Core.Privacy;

namespace AntiCorruption.Core.Complaints;

/// <summary>Reads and writes a complaint's sealed status history.</summary>
public sealed class ComplaintHistory(PiiProtector pii)
{
    public IReadOnlyList<StatusChange> Read(ComplaintEntity complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.History.Length == 0 ? [] : pii.OpenJson<StatusChange[]>(complaint.History, ComplaintEntity.HistoryContext(complaint.ComplaintId));
    }

    public void Write(ComplaintEntity complaint, IEnumerable<StatusChange> history)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.History = pii.SealJson(history.ToArray(), ComplaintEntity.HistoryContext(complaint.ComplaintId));
    }
}
