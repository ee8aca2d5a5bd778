using System.Security.Cryptography;
using AntiCorruption.Core.Attachments;

namespace AntiCorruption.Core.Tests.Attachments;

public class EvidenceSealTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static async Task<byte[]> OpenAsync(byte[] sealedFile, byte[] key, string id = Id)
    {
        using var output = new MemoryStream();
        await EvidenceSeal.OpenAsync(new MemoryStream(sealedFile), sealedFile.Length, output, key, id, CancellationToken.None);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EvidenceSeal.ChunkSize - 1)]
    [InlineData(EvidenceSeal.ChunkSize)]
    [InlineData(EvidenceSeal.ChunkSize + 1)]
    [InlineData((3 * EvidenceSeal.ChunkSize) + 12345)]
    public async Task SealThenOpen_AnyLength_GivesTheFileBackAndTheLengthsAgree(int length)
    {
        var file = RandomNumberGenerator.GetBytes(length);
        var key = EvidenceSeal.NewKey();

        var sealedFile = EvidenceSeal.Seal(file, key, Id);

        Assert.Equal(EvidenceSeal.SealedLength(length), sealedFile.Length);
        Assert.Equal(length, EvidenceSeal.OpenedLength(sealedFile.Length));
        Assert.Equal(file, await OpenAsync(sealedFile, key));
    }

    [Fact]
    public void Seal_AFile_HoldsNoneOfItsBytes()
    {
        var file = Testing.Evidence.JpegWithGps;

        var sealedFile = EvidenceSeal.Seal(file, EvidenceSeal.NewKey(), Id);

        Assert.False(sealedFile.AsSpan().StartsWith(file.AsSpan(0, 3)));
        Assert.Equal(-1, sealedFile.AsSpan().IndexOf(file.AsSpan(100, 16)));
    }

    [Fact]
    public async Task Open_ChangedByteCutShortOrOtherId_Fails()
    {
        var key = EvidenceSeal.NewKey();
        var sealedFile = EvidenceSeal.Seal(RandomNumberGenerator.GetBytes((2 * EvidenceSeal.ChunkSize) + 10), key, Id);
        var changed = (byte[])sealedFile.Clone();
        changed[EvidenceSeal.ChunkSize + 40] ^= 1;
        // Cut at a chunk boundary: what is left is whole chunks, but the last was not sealed as last.
        var cut = sealedFile[..(1 + (2 * (EvidenceSeal.ChunkSize + 16)))];

        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(changed, key));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(cut, key));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedFile, key, "fedcba9876543210fedcba9876543210"));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedFile, EvidenceSeal.NewKey()));
    }
}
