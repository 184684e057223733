using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// The chain's verification state for the review screen's banner. A walk reads the whole trail, so
/// one runs at a time for the whole instance and its result is shared for a minute.
/// </summary>
public sealed class AuditTrailStatus(IReadReplicaDbContextFactory replica, TimeProvider time, ILogger<AuditTrailStatus> logger)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    /// <summary>A verification's outcome, or why it could not be checked.</summary>
    public sealed record Check(AuditVerificationResult? Result, string? Problem, DateTimeOffset CheckedAt);

    private readonly Lock _lock = new();
    private Task<Check>? _running;
    private Check? _last;

    /// <summary>The last result while fresh, else a new walk (joined if one is running).</summary>
    public Task<Check> VerifyAsync()
    {
        lock (_lock)
        {
            if (_last is { } last && time.GetUtcNow() - last.CheckedAt < FreshFor) return Task.FromResult(last);
            if (_running is { IsCompleted: false } running) return running;
            _running = Task.Run(WalkAsync);
            return _running;
        }
    }

    private async Task<Check> WalkAsync()
    {
        Check check;
        try
        {
            var result = await AuditReads.VerifyDatabaseAsync(_ => Task.FromResult(replica.CreateDbContext()));
            check = new Check(result, null, time.GetUtcNow());
            if (!result.IsIntact) logger.LogError("Audit trail verification: {Message}", result.Message);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The audit trail could not be verified.");
            check = new Check(null, "The audit trail could not be checked just now: the database did not answer. Try again in a minute.", time.GetUtcNow());
        }
        lock (_lock) _last = check;
        return check;
    }
}
