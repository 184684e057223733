using System.Diagnostics;
using System.Diagnostics.Metrics;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Web.Infrastructure.Telemetry;

/// <summary>
/// The till's own signals, on one <see cref="Meter"/>: the names here are the ones the exporters publish and the
/// alerts in infra/modules/alerts.bicep query (a test reads this class and the compiled template together).
/// Counters and histograms are recorded where the work happens; gauges are observed by <see cref="PosGauges"/>.
/// </summary>
public static class PosMetrics
{
    public const string MeterName = "PharmacyPos";

    /// <summary>Npgsql's own meter (connection pool, commands), exported beside ours.</summary>
    public const string NpgsqlMeterName = "Npgsql";

    /// <summary>Time from a scan's text to the line on screen (or the refusal), seconds.</summary>
    public const string ScanDuration = "pos.scan.duration";
    /// <summary>Time a checkout takes to commit (or refuse) the sale, seconds: where the cashier waits after paying.</summary>
    public const string CheckoutDuration = "pos.checkout.duration";
    public const string SalesCommitted = "pos.sales.committed";
    /// <summary>Checkouts that did not commit, tagged <see cref="ReasonTag"/>: <see cref="RefusedByRule"/> or <see cref="RefusedByError"/>.</summary>
    public const string SalesRefused = "pos.sales.refused";
    public const string SalesVoided = "pos.sales.voided";
    public const string Refunds = "pos.refunds";
    /// <summary>Calls to the card terminal, tagged <see cref="OperationTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string CardTerminalCalls = "pos.card_terminal.calls";
    public const string CardDeclines = "pos.card_terminal.declines";
    public const string OpenCircuits = "pos.circuits.open";
    /// <summary>Age of the oldest audit record not chained yet, seconds (0 when the chain is up to date).</summary>
    public const string AuditChainLag = "pos.audit.chain.lag";
    /// <summary>Closed audit blocks waiting to be written to the archive (0 when it is up to date).</summary>
    public const string AuditArchiveLag = "pos.audit.archive.pending_blocks";
    /// <summary>Disk used on this instance (the drive of the app's content root), percent.</summary>
    public const string DiskUsed = "pos.disk.used";

    /// <summary>Npgsql's pool gauges (Npgsql 10, OpenTelemetry database conventions): connections by state, and the pool's maximum.</summary>
    public const string DatabaseConnections = "db.client.connection.count";
    public const string DatabaseConnectionsMax = "db.client.connection.max";
    public const string DatabaseConnectionStateTag = "db.client.connection.state";

    /// <summary>The activity a checkout runs in: Application Insights stores its duration per sale, so p95 comes from the data.</summary>
    public const string CheckoutActivity = "pos.checkout";

    public const string ReasonTag = "reason";
    public const string RefusedByRule = "rule";
    public const string RefusedByError = "error";
    public const string OperationTag = "operation";
    public const string OutcomeTag = "outcome";

    /// <summary>Every metric the app publishes, its own and Npgsql's: an alert may name only these.</summary>
    public static readonly IReadOnlyList<string> Published =
    [
        ScanDuration, CheckoutDuration, SalesCommitted, SalesRefused, SalesVoided, Refunds, CardTerminalCalls, CardDeclines,
        OpenCircuits, AuditChainLag, AuditArchiveLag, DiskUsed, DatabaseConnections, DatabaseConnectionsMax,
    ];

    private static readonly Meter Meter = new(MeterName);
    public static readonly ActivitySource Activities = new(MeterName);

    private static readonly Histogram<double> Scans = Meter.CreateHistogram<double>(ScanDuration, "s", "Scan to line on screen.");
    private static readonly Histogram<double> Checkouts = Meter.CreateHistogram<double>(CheckoutDuration, "s", "Checkout commit time.");
    private static readonly Counter<long> Committed = Meter.CreateCounter<long>(SalesCommitted, "{sale}");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(SalesRefused, "{sale}");
    private static readonly Counter<long> Voided = Meter.CreateCounter<long>(SalesVoided, "{sale}");
    private static readonly Counter<long> Refunded = Meter.CreateCounter<long>(Refunds, "{refund}");
    private static readonly Counter<long> TerminalCalls = Meter.CreateCounter<long>(CardTerminalCalls, "{call}");
    private static readonly Counter<long> Declines = Meter.CreateCounter<long>(CardDeclines, "{call}");
    private static readonly UpDownCounter<long> Circuits = Meter.CreateUpDownCounter<long>(OpenCircuits, "{circuit}", "Blazor circuits open on this instance.");

    /// <summary>Times a scan; dispose when the line is on screen or refused.</summary>
    public static ScanTiming TimeScan() => new(Stopwatch.GetTimestamp());

    /// <summary>
    /// Runs a checkout commit, timing it and counting it as committed or refused. A <see cref="DomainException"/> is a
    /// refusal by a rule (stock ran out, a limit); anything else is an error, the signal of the error-rate alert.
    /// </summary>
    public static async Task<T> CheckoutAsync<T>(Func<Task<T>> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        using var activity = Activities.StartActivity(CheckoutActivity);
        var started = Stopwatch.GetTimestamp();
        string? reason = null;
        try
        {
            return await commit();
        }
        catch (DomainException)
        {
            reason = RefusedByRule;
            throw;
        }
        catch (OperationCanceledException)
        {
            reason = "cancelled";
            throw;
        }
        catch
        {
            reason = RefusedByError;
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            Checkouts.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (reason is null) Committed.Add(1);
            else Refused.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
        }
    }

    /// <summary>Runs a void's commit and counts it once it is in the books.</summary>
    public static async Task<T> VoidAsync<T>(Func<Task<T>> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var voided = await commit();
        Voided.Add(1);
        return voided;
    }

    public static void RefundRecorded() => Refunded.Add(1);

    public static void CardTerminalCalled(string operation, string outcome)
    {
        var tags = new TagList { { OperationTag, operation }, { OutcomeTag, outcome } };
        TerminalCalls.Add(1, tags);
        if (outcome == "declined") Declines.Add(1, tags);
    }

    internal static void CircuitOpened() => Circuits.Add(1);

    internal static void CircuitClosed() => Circuits.Add(-1);

    public readonly struct ScanTiming(long started) : IDisposable
    {
        public void Dispose() => Scans.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
