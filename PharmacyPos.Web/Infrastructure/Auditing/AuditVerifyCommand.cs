using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Web.Infrastructure.Auditing;

/// <summary>
/// <c>audit verify [--database] [--archive]</c>: walks the hash chain in the database, the archive, or
/// both (the default, which also checks that the archive's last record is the database chain's record
/// at that position, catching records cut from the end of either). One line per part.
/// </summary>
public static class AuditVerifyCommand
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int CouldNotCheck = 2;

    [Flags]
    public enum Parts { Database = 1, Archive = 2, Both = Database | Archive }

    public static async Task<int> RunAsync(IServiceProvider services, Parts parts, TextWriter output, CancellationToken cancellationToken = default)
    {
        var broken = false;
        var uncheckable = false;
        AuditVerificationResult? database = null;
        AuditArchiveVerificationResult? archive = null;
        var factory = services.GetRequiredService<IDbContextFactory<PosDbContext>>();

        if (parts.HasFlag(Parts.Database))
        {
            try
            {
                database = await AuditReads.VerifyDatabaseAsync(ct => factory.CreateDbContextAsync(ct), cancellationToken);
                var pending = database.PendingCount > 0 ? $"; {N(database.PendingCount)} newer waiting to be chained" : "";
                if (database.IsIntact)
                {
                    await output.WriteLineAsync(
                        $"Database: intact. {N(database.VerifiedCount)} records chained{(database.LastVerifiedSequence is { } last ? $", up to record {N(last)}" : "")}{pending}.");
                }
                else
                {
                    var more = database.BreakCount > 1 ? $" and in {Places(database.BreakCount - 1)} after it" : "";
                    await output.WriteLineAsync(
                        $"Database: BROKEN at record {N(database.BrokenAtSequence!.Value)} ({database.Kind}){more}. {N(database.VerifiedCount)} records whole before it{pending}.");
                    // Every break, so that the inspector sees each tampered place and not only the first.
                    foreach (var found in database.Breaks)
                        await output.WriteLineAsync($"  Record {N(found.Sequence)} ({found.Kind}): {found.Message}");
                    if (database.BreakCount > database.Breaks.Count)
                        await output.WriteLineAsync($"  … and {N(database.BreakCount - database.Breaks.Count)} more breaks after these.");
                }
                broken |= !database.IsIntact;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                uncheckable = true;
                await output.WriteLineAsync($"Database: could not be checked. {Reason(e)}");
            }
        }

        if (parts.HasFlag(Parts.Archive))
        {
            try
            {
                var store = services.GetRequiredService<IAuditArchiveStore>();
                archive = await AuditArchiveVerifier.VerifyAsync(store.ReadBlocksAsync(cancellationToken), cancellationToken);
                await output.WriteLineAsync(archive.IsIntact
                    ? $"Archive: intact. {N(archive.BlockCount)} blocks, {N(archive.RecordCount)} records{(archive.LastSequence is { } last ? $", up to record {N(last)}" : "")}."
                    : $"Archive: BROKEN at block {N(archive.BrokenAtBlock!.Value)}{(archive.BrokenAtSequence is { } s ? $", record {N(s)}" : "")} ({archive.Kind}). {archive.Message}");
                broken |= !archive.IsIntact;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                uncheckable = true;
                await output.WriteLineAsync($"Archive: could not be checked. {Reason(e)}");
            }
        }

        if (database is { IsIntact: true } && archive is { IsIntact: true, LastSequence: { } archivedUpTo })
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                var link = await db.Set<AuditChainLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Sequence == archivedUpTo, cancellationToken);
                string verdict;
                if (link is null || database.LastVerifiedSequence is not { } chainedUpTo || chainedUpTo < archivedUpTo)
                {
                    broken = true;
                    verdict = $"Cross-check: BROKEN. The archive holds records up to {N(archivedUpTo)}, but the database chain ends at {(database.LastVerifiedSequence is { } end ? N(end) : "no record")}: records were removed from the end of the database.";
                }
                else if (!string.Equals(link.Hash, archive.LastHash, StringComparison.Ordinal))
                {
                    broken = true;
                    verdict = $"Cross-check: BROKEN at record {N(archivedUpTo)}. The archive and the database chain disagree on its hash: one of them was rebuilt.";
                }
                else
                {
                    verdict = $"Cross-check: the archive's last record {N(archivedUpTo)} matches the database chain.";
                }
                await output.WriteLineAsync(verdict);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                uncheckable = true;
                await output.WriteLineAsync($"Cross-check: could not be made. {Reason(e)}");
            }
        }

        return broken ? Broken : uncheckable ? CouldNotCheck : Intact;
    }

    private static string Reason(Exception e) => e switch
    {
        Microsoft.Extensions.Options.OptionsValidationException o => string.Join(" ", o.Failures),
        _ when e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            => "The database has no audit trail tables: run the migrate command first.",
        _ => e.Message,
    };

    private static string Places(long n) => n == 1 ? "1 place" : $"{N(n)} places";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
