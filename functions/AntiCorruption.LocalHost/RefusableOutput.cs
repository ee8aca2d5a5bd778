using System.Buffers;
using System.IO.Pipelines;

namespace AntiCorruption.LocalHost;

/// <summary>
/// A connection's output as Kestrel writes it: passed through as it comes until Kestrel refuses
/// a request that never reached the app, then held back, so that <see cref="RejectedRequests"/>
/// can send the app's answer in place of Kestrel's. Kestrel writes such a refusal only as the
/// last thing on the connection, after every earlier answer is flushed, so what is held is the
/// refusal and nothing else.
/// </summary>
internal sealed class RefusableOutput : PipeWriter
{
    private readonly PipeWriter _inner;
    private ArrayBufferWriter<byte>? _held;

    /// <summary>Whether the memory the next <see cref="Advance"/> commits came from <see cref="_held"/>.</summary>
    private bool _lentHeld;

    /// <summary>Set on the request's thread, read where Kestrel reports a refusal (for a body, its reading thread).</summary>
    private volatile bool _inApp;

    public RefusableOutput(PipeWriter inner) => _inner = inner;

    /// <summary>True while the app handles a request on this connection: a refusal then is the app's to answer.</summary>
    public bool InApp
    {
        get => _inApp;
        set => _inApp = value;
    }

    /// <summary>The status of the request Kestrel refused, once it has.</summary>
    public int? RefusedStatus { get; private set; }

    /// <summary>What Kestrel wrote after it refused the request.</summary>
    public ReadOnlyMemory<byte> Held => _held?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The connection's own output, for the answer that replaces the held one.</summary>
    public PipeWriter Inner => _inner;

    public void Refuse(int status)
    {
        RefusedStatus = status;
        _held ??= new ArrayBufferWriter<byte>();
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        _lentHeld = _held is not null;
        return _held?.GetMemory(sizeHint) ?? _inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (_lentHeld)
        {
            _held!.Advance(bytes);
        }
        else
        {
            _inner.Advance(bytes);
        }
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => _inner.CancelPendingFlush();

    /// <summary>After a refusal the connection stays open for the answer that replaces Kestrel's.</summary>
    public override void Complete(Exception? exception = null)
    {
        if (_held is null)
        {
            _inner.Complete(exception);
        }
    }
}
