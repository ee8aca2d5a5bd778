namespace AntiCorruption.Core.Json;

/// <summary>
/// The UTF-8 byte-order mark that Windows tools (Notepad, PowerShell 5) put before a JSON text.
/// RFC 8259 section 8.1 lets a parser ignore it, and System.Text.Json's span readers refuse it,
/// so a reader that takes such bodies skips it first.
/// </summary>
public static class ByteOrderMark
{
    /// <summary>The bytes after a leading UTF-8 byte-order mark, or all of them when there is none.</summary>
    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
