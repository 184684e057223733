using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PharmacyPos.Web.Infrastructure.Storage;

/// <summary>
/// The audit archive in an Azure Blob Storage container, one blob per block. The container is
/// meant to carry a time-based immutability policy so that not even an account owner can change
/// or delete a block; this store itself only ever creates blobs, with If-None-Match: *.
/// </summary>
public sealed class BlobAuditArchiveStore(BlobContainerClient container) : IAuditArchiveStore
{
    private const string ContentType = "application/x-ndjson";
    private volatile bool _containerExists;

    public string Location => container.Uri.ToString();

    public async Task WriteBlockAsync(long blockNumber, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = container.GetBlobClient(AuditArchiveBlockNames.BlobName(blockNumber));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                // Create only: the service refuses the write when the blob exists.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = ContentType },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = await blob.DownloadContentAsync(cancellationToken);
            if (existing.Value.Content.ToMemory().Span.SequenceEqual(content.Span))
                return;
            throw new AuditArchiveBlockConflictException(blockNumber, Location);
        }
    }

    public async IAsyncEnumerable<(long BlockNumber, ReadOnlyMemory<byte> Content)> ReadBlocksAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await ContainerExistsAsync(cancellationToken)) yield break;
        // Blob Storage lists names in lexicographic order; zero-padded names make that block order.
        var listing = container.GetBlobsAsync(new GetBlobsOptions { Prefix = AuditArchiveBlockNames.Folder + "/" }, cancellationToken);
        await foreach (var item in listing)
        {
            if (!AuditArchiveBlockNames.TryParse(item.Name, out var blockNumber)) continue;
            var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            yield return (blockNumber, content.Value.Content.ToMemory());
        }
    }

    public async Task<ReadOnlyMemory<byte>?> ReadBlockAsync(long blockNumber, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(AuditArchiveBlockNames.BlobName(blockNumber)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<long?> LastBlockNumberAsync(CancellationToken cancellationToken)
    {
        if (!await ContainerExistsAsync(cancellationToken)) return null;
        long? last = null;
        var listing = container.GetBlobsAsync(new GetBlobsOptions { Prefix = AuditArchiveBlockNames.Folder + "/" }, cancellationToken);
        await foreach (var item in listing)
        {
            if (AuditArchiveBlockNames.TryParse(item.Name, out var blockNumber) && blockNumber > (last ?? 0))
                last = blockNumber;
        }
        return last;
    }

    private async Task<bool> ContainerExistsAsync(CancellationToken cancellationToken) =>
        _containerExists || (await container.ExistsAsync(cancellationToken)).Value;

    // Creating a container that exists is harmless, so two first writes may both try.
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerExists) return;
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        _containerExists = true;
    }
}
