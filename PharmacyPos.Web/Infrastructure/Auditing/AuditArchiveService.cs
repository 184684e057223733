using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// Runs the <see cref="AuditArchiver"/> in the background every <see cref="AuditArchiverOptions.RunEvery"/>,
/// reading chained records straight from the database as a stream. Nothing on the sale path waits for
/// it: a failed upload is retried on the next run and shows on the health endpoint meanwhile.
/// </summary>
public sealed class AuditArchiveService(
    AuditArchiver archiver,
    IDbContextFactory<PosDbContext> factory,
    IOptions<AuditArchiverOptions> options,
    TimeProvider time,
    ILogger<AuditArchiveService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _run = new(1, 1);

    /// <summary>Archives every closed block not archived yet; returns the number of blocks written.</summary>
    public async Task<int> ArchiveOnceAsync(CancellationToken cancellationToken = default)
    {
        await _run.WaitAsync(cancellationToken);
        try
        {
            // The archiver never throws: it records failures in ArchiveHealth.
            return await archiver.ArchiveClosedBlocksAsync(
                (after, max) => AuditReads.ChainedAfterAsync(ct => factory.CreateDbContextAsync(ct), after, max, cancellationToken),
                cancellationToken);
        }
        finally
        {
            _run.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var written = await ArchiveOnceAsync(stoppingToken);
                if (written > 0) logger.LogInformation("Archived {Count} audit block(s).", written);
                await Task.Delay(options.Value.RunEvery, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _run.Dispose();
        base.Dispose();
    }
}
