using System.Text;
using Azure.Storage.Blobs;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Storage;

/// <summary>The Blob Storage archive against the Azurite emulator (PHARMACYPOS_TEST_AZURITE, e.g. "UseDevelopmentStorage=true").</summary>
public sealed class BlobAuditArchiveStoreTests : AuditArchiveStoreContract
{
    private BlobContainerClient _container = null!;

    protected override Task<IAuditArchiveStore> CreateStoreAsync()
    {
        _container = Azurite.Client().GetBlobContainerClient("audit-test-" + Guid.NewGuid().ToString("N")[..20]);
        // The container is not created here: the store creates it on its first write.
        return Task.FromResult<IAuditArchiveStore>(new BlobAuditArchiveStore(_container));
    }

    protected override async Task DeleteStoreAsync()
    {
        if (_container is not null) await _container.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task Creates_its_container_and_names_blocks_so_listing_is_block_order()
    {
        await Store.WriteBlockAsync(42, Encoding.UTF8.GetBytes("block\n"), CancellationToken.None);

        Assert.True((await _container.ExistsAsync()).Value);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync()) names.Add(item.Name);
        Assert.Equal(["blocks/000000000042.jsonl"], names);
    }

    [Fact]
    public async Task Ignores_blobs_that_are_not_blocks()
    {
        await Store.WriteBlockAsync(1, Encoding.UTF8.GetBytes("one\n"), CancellationToken.None);
        await _container.UploadBlobAsync("blocks/readme.txt", BinaryData.FromString("notes"));

        var numbers = new List<long>();
        await foreach (var (number, _) in Store.ReadBlocksAsync(CancellationToken.None)) numbers.Add(number);

        Assert.Equal([1L], numbers);
    }
}

/// <summary>The emulator the storage tests run against. They fail, never skip, without it.</summary>
internal static class Azurite
{
    public const string Variable = "PHARMACYPOS_TEST_AZURITE";

    public static BlobServiceClient Client()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"The Blob Storage tests need Azurite: start it (azurite-blob) and set {Variable}, e.g. {Variable}=UseDevelopmentStorage=true.");
        return new BlobServiceClient(connectionString);
    }
}
