using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.Persistence;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Auditing;

/// <summary>The archive service writing the chained trail to Blob Storage (Azurite), and what happens when it cannot.</summary>
public class AuditArchiveServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Archives_the_chain_to_Blob_Storage_and_finds_a_block_altered_in_the_container(DatabaseProvider provider)
    {
        var containerName = "audit-t-" + Guid.NewGuid().ToString("N")[..20];
        await using var host = await AuditTrailHost.CreateAsync(provider, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestServers.Azurite,
            ["Storage:AuditContainer"] = containerName,
            ["Storage:AuditArchive:BlockSize"] = "10",
            ["Storage:AuditArchive:CloseBlockAfter"] = "00:00:00",
        });
        var container = new BlobServiceClient(TestServers.Azurite).GetBlobContainerClient(containerName);
        try
        {
            await host.AppendAsync(25);
            await host.ChainAllAsync();

            var service = host.Services.GetRequiredService<AuditArchiveService>();
            Assert.Equal(3, await service.ArchiveOnceAsync());
            Assert.Equal(0, await service.ArchiveOnceAsync());

            var health = host.Services.GetRequiredService<ArchiveHealth>().Current;
            Assert.Equal(3, health.LastBlockNumber);
            Assert.Equal(25, health.LastSequence);
            Assert.False(health.IsFailing);
            var store = host.Services.GetRequiredService<IAuditArchiveStore>();
            var archive = await AuditArchiveVerifier.VerifyAsync(store.ReadBlocksAsync(CancellationToken.None));
            Assert.True(archive.IsIntact, archive.Message);
            Assert.Equal(25, archive.RecordCount);
            Assert.Equal((await host.VerifyAsync()).LastVerifiedHash, archive.LastHash);

            // Block 2 holds records 11 to 20; record 13 is a void with a reason. Rewrite it in place, as
            // someone with the account key could on a container without an immutability policy.
            var blob = container.GetBlobClient(AuditArchiveBlockNames.BlobName(2));
            var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
            Assert.Contains("test 12: customer changed mind", text, StringComparison.Ordinal);
            await blob.UploadAsync(BinaryData.FromString(text.Replace("test 12: customer changed mind", "test 12: customer was refunded", StringComparison.Ordinal)), overwrite: true);

            var altered = await AuditArchiveVerifier.VerifyAsync(store.ReadBlocksAsync(CancellationToken.None));
            Assert.False(altered.IsIntact);
            Assert.Equal(2, altered.BrokenAtBlock);
            Assert.Equal(13, altered.BrokenAtSequence);
            Assert.Equal(AuditArchiveBreakKind.Altered, altered.Kind);

            var output = new StringWriter();
            var exit = await AuditVerifyCommand.RunAsync(host.Services, AuditVerifyCommand.Parts.Archive, output);
            Assert.Equal(AuditVerifyCommand.Broken, exit);
            Assert.Contains("Archive: BROKEN at block 2, record 13 (Altered)", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task A_failed_upload_leaves_the_trail_alone_and_shows_as_degraded_health()
    {
        var notAFolder = Path.Combine(Path.GetTempPath(), "pos-archive-file-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(notAFolder, "a file where the archive folder should be");
        try
        {
            await using var host = await AuditTrailHost.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
            {
                ["Storage:LocalPath"] = notAFolder,
                ["Storage:AuditArchive:BlockSize"] = "5",
                ["Storage:AuditArchive:MaxAttempts"] = "2",
                ["Storage:AuditArchive:InitialRetryDelay"] = "00:00:00",
            });
            await host.AppendAsync(7);
            await host.ChainAllAsync();

            var service = host.Services.GetRequiredService<AuditArchiveService>();
            Assert.Equal(0, await service.ArchiveOnceAsync());
            Assert.Equal(0, await service.ArchiveOnceAsync());

            var check = host.Services.GetRequiredService<HealthCheckService>();
            var report = await check.CheckHealthAsync(c => c.Name == "archive");
            var archive = report.Entries["archive"];
            Assert.Equal(HealthStatus.Degraded, archive.Status);
            Assert.Contains("2 failed runs", archive.Description, StringComparison.Ordinal);
            Assert.Contains("failed 2 times", archive.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(notAFolder, archive.Description, StringComparison.Ordinal);

            // The trail itself is untouched: still whole, still appendable.
            await host.AppendAsync(1);
            await host.ChainAllAsync();
            Assert.Equal(8, (await host.VerifyAsync()).VerifiedCount);
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }
}
