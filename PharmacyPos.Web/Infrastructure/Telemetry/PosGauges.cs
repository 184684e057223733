using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Web.Infrastructure.Telemetry;

/// <summary>
/// The audit trail's lag as gauges: how long the oldest record has waited to be chained (sampled from the database
/// every <see cref="SampleInterval"/>, so an exporter's read never waits on a query) and how many closed blocks wait
/// for the archive, and this instance's disk. One per app, on a meter from the app's own <see cref="IMeterFactory"/>.
/// </summary>
public sealed class PosGauges : BackgroundService
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<PosDbContext> _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<PosGauges> _logger;
    private double _chainLagSeconds;

    public PosGauges(IMeterFactory meters, IDbContextFactory<PosDbContext> factory, ArchiveHealth archive, TimeProvider time,
        IHostEnvironment environment, ILogger<PosGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _factory = factory;
        _time = time;
        _logger = logger;
        var meter = meters.Create(PosMetrics.MeterName);
        meter.CreateObservableGauge(PosMetrics.AuditChainLag, () => Volatile.Read(ref _chainLagSeconds), "s",
            "Age of the oldest audit record not chained yet.");
        meter.CreateObservableGauge(PosMetrics.AuditArchiveLag, () => archive.Current.PendingBlocks, "{block}",
            "Closed audit blocks waiting for the archive.");
        var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(environment.ContentRootPath)) ?? "/");
        meter.CreateObservableGauge(PosMetrics.DiskUsed, () => 100.0 * (drive.TotalSize - drive.AvailableFreeSpace) / drive.TotalSize, "%",
            "Disk used on this instance.");
    }

    public double ChainLagSeconds => Volatile.Read(ref _chainLagSeconds);

    /// <summary>Reads the oldest unchained record's age; 0 when every record is chained.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var head = await db.Set<AuditChainLink>().MaxAsync(l => (long?)l.Sequence, cancellationToken) ?? 0;
        var oldest = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.Sequence > head).OrderBy(e => e.Sequence)
            .Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var lag = oldest is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : 0;
        Volatile.Write(ref _chainLagSeconds, lag);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SampleInterval, _time, stoppingToken);
                await SampleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away: the health check says so; the gauge keeps its last value.
                _logger.LogDebug(e, "The audit chain lag could not be sampled.");
            }
        }
    }
}
