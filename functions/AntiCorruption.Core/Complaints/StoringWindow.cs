namespace AntiCorruption.Core.Complaints;

/// <summary>
/// How long a tracking code whose complaint is not stored may still answer <c>received</c>: the
/// queue's chance to store it. After the window such a code is unknown (404), like one never given
/// out, so a complaint that ended in <c>complaints-poison</c> is not reported as received for ever.
/// <para>
/// Two hours, from host.json and the Functions queue trigger. A failed attempt hands the message
/// back after <c>visibilityTimeout</c> (10 s), and the <c>maxDequeueCount</c>th (5th) failure moves
/// it to the poison queue. An attempt can run until <c>functionTimeout</c> (5 minutes); if its
/// instance dies (a crash, a recycle, that timeout), the message stays hidden for the rest of the
/// host's 10-minute receive lease, renewed while the attempt ran, and a message received a sixth
/// time goes to the poison queue without running. So each delivery ends within 5 + 10 minutes,
/// and every complaint is stored or poisoned within 5 x 15 = 75 minutes of its first receipt, the
/// queue being polled at least every 2 s. The rest of the two hours is for a backlog ahead of it.
/// A test reads host.json and fails if these figures outgrow the window.
/// </para>
/// <para>
/// Longer would tell the reporter of a lost complaint "received" for longer; with two hours they
/// learn the same day that the code is unknown, and can submit again. What the window does not
/// cover is the queue not being tried at all (the processor switched off, the app or the queue
/// down for longer): then a waiting complaint's code answers 404 until it is stored, and its case
/// after. A poisoned message moved back to the queue brings its code back the same way.
/// </para>
/// </summary>
public static class StoringWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(2);

    /// <summary>True while a code given out at <paramref name="issuedAt"/> may still have its complaint on the queue.</summary>
    public static bool IsOpen(DateTimeOffset issuedAt, DateTimeOffset now) => now - issuedAt < Length;
}
