using AntiCorruption.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace AntiCorruption.Core.Tests.Storage;

public class StorageAccountTests
{
    private static StorageAccount From(params (string Key, string Value)[] settings) =>
        StorageAccount.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void FromConfiguration_AccountNameAsInAzure_UsesTheServiceUrisWithoutKeys()
    {
        var account = From(("AzureWebJobsStorage:accountName", "stpacc"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(new Uri("https://stpacc.table.core.windows.net/"), account.Tables.Uri);
        Assert.Equal(new Uri("https://stpacc.queue.core.windows.net/"), account.Queues.Uri);
        Assert.Equal(new Uri("https://stpacc.blob.core.windows.net/"), account.Blobs.Uri);
        Assert.False(account.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void FromConfiguration_ExplicitServiceUris_WinOverTheAccountName()
    {
        var account = From(("AzureWebJobsStorage:accountName", "stpacc"), ("AzureWebJobsStorage:blobServiceUri", "https://files.example.net"));

        Assert.Equal(new Uri("https://files.example.net/"), account.Blobs.Uri);
        Assert.Equal(new Uri("https://stpacc.queue.core.windows.net/"), account.Queues.Uri);
    }

    [Fact]
    public void FromConfiguration_ConnectionStringAsLocally_UsesIt()
    {
        var account = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(10000, account.Blobs.Uri.Port);
        Assert.True(account.Blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void FromConfiguration_NothingSet_SaysWhatToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From());

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }
}
