using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// Reads and writes open carts: one small write after every change at the register. Every write names the screen
/// and the version it read, and changes the row only if both still match (one conditional statement, so two
/// instances of the app agree): a stale or displaced screen writes nothing and is told why.
/// </summary>
public sealed class OpenCartStore(IDbContextFactory<PosDbContext> factory, TimeProvider time, IAuditTrail audit)
{
    /// <summary>A screen that has not said it is there for this long has gone (closed, crashed, unplugged).</summary>
    public static readonly TimeSpan ScreenGoneAfter = TimeSpan.FromSeconds(45);
    /// <summary>How often a screen that holds a register says it is still there.</summary>
    public static readonly TimeSpan ScreenSeenEvery = TimeSpan.FromSeconds(15);
    private const int OpenAttempts = 4;

    public sealed record SuspendedCart(Guid SaleId, string SaleNumber, string Register, int ItemCount, decimal Total, DateTimeOffset UpdatedAt);

    /// <summary>The sale open at a register, if any.</summary>
    public async Task<CartSnapshot?> FindOpenAsync(Guid branchId, string register, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<OpenCart>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.BranchId == branchId && c.Register == register && c.Status == OpenCartStatus.Open, ct);
        return row?.Snapshot();
    }

    public async Task<CartSnapshot?> FindAsync(Guid saleId, CancellationToken ct = default) => (await RowAsync(saleId, ct))?.Snapshot();

    /// <summary>A cart no screen holds yet (a sale brought in whole, a test): added once, never over another.</summary>
    public async Task AddAsync(CartSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(new OpenCart(snapshot, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Opens a register for <paramref name="screen"/>: its open sale (or <paramref name="newSale"/>, written at once so
    /// the register is held even while empty). A register another live screen holds, at another sign-in, is refused
    /// with who holds it unless <paramref name="takeOver"/>; a screen of the same sign-in (a reload, another tab) or a
    /// screen gone quiet gives it up without asking. Taking a register from another live screen is recorded in the
    /// audit trail as done by <paramref name="takenBy"/>: who took whose open sale, and when.
    /// </summary>
    public async Task<RegisterOpening> OpenAsync(Guid branchId, string register, RegisterScreen screen, Func<CartSnapshot> newSale, bool takeOver,
        AuditActor? takenBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(newSale);
        for (var attempt = 1; attempt <= OpenAttempts; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Set<OpenCart>().AsNoTracking()
                .SingleOrDefaultAsync(c => c.BranchId == branchId && c.Register == register && c.Status == OpenCartStatus.Open, ct);
            var now = time.GetUtcNow();
            if (row is null)
            {
                var cart = newSale();
                db.Add(new OpenCart(cart, now, screen));
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new RegisterOpening.Opened(cart, 1);
                }
                catch (DbUpdateException)
                {
                    // Another screen opened the register in the same moment (one open sale per register): look again.
                    continue;
                }
            }
            if (row.HolderId == screen.Id)
                return new RegisterOpening.Opened(row.Snapshot(), row.Version);
            var live = row.HolderId is not null && row.HolderSeenAt is { } seen && now - seen < ScreenGoneAfter;
            if (live && !takeOver && row.HolderSignIn != screen.SignIn)
                return new RegisterOpening.HeldElsewhere(row.HolderName ?? "another screen", row.HolderSeenAt!.Value);
            var taken = await db.Set<OpenCart>()
                .Where(c => c.SaleId == row.SaleId && c.Version == row.Version && c.Status == OpenCartStatus.Open)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.HolderId, screen.Id)
                    .SetProperty(c => c.HolderSignIn, screen.SignIn)
                    .SetProperty(c => c.HolderName, screen.Name)
                    .SetProperty(c => c.HolderSeenAt, now)
                    .SetProperty(c => c.Version, row.Version + 1), ct);
            if (taken != 1)
                continue;
            if (live && row.HolderSignIn != screen.SignIn && takenBy is not null)
            {
                await audit.RecordAsync(takenBy, new AuditEntry(AuditEventTypes.RegisterTakenOver, "Register", register)
                {
                    Before = JsonSerializer.Serialize(new { screen = row.HolderName, sale = row.SaleNumber, items = row.ItemCount }),
                    After = JsonSerializer.Serialize(new { screen = screen.Name, sale = row.SaleNumber }),
                }, ct);
            }
            return new RegisterOpening.Opened(row.Snapshot(), row.Version + 1);
        }
        throw new Domain.Shared.DomainException("The register is busy on another screen. Try again.");
    }

    /// <summary>
    /// Writes the cart if <paramref name="screen"/> still holds it at <paramref name="version"/>. A suspended cart is
    /// let go: any register of the branch may resume it.
    /// </summary>
    public async Task<CartWrite> SaveAsync(CartSnapshot snapshot, RegisterScreen screen, int version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(screen);
        var now = time.GetUtcNow();
        var next = new OpenCart(snapshot, now, screen);
        await using var db = await factory.CreateDbContextAsync(ct);
        var written = await db.Set<OpenCart>()
            .Where(c => c.SaleId == snapshot.SaleId && c.Version == version && c.HolderId == screen.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.BranchId, next.BranchId)
                .SetProperty(c => c.Register, next.Register)
                .SetProperty(c => c.Status, next.Status)
                .SetProperty(c => c.SaleNumber, next.SaleNumber)
                .SetProperty(c => c.CashierUserId, next.CashierUserId)
                .SetProperty(c => c.ItemCount, next.ItemCount)
                .SetProperty(c => c.Total, next.Total)
                .SetProperty(c => c.Cart, next.Cart)
                .SetProperty(c => c.UpdatedAt, next.UpdatedAt)
                .SetProperty(c => c.HolderId, next.HolderId)
                .SetProperty(c => c.HolderSignIn, next.HolderSignIn)
                .SetProperty(c => c.HolderName, next.HolderName)
                .SetProperty(c => c.HolderSeenAt, next.HolderSeenAt)
                .SetProperty(c => c.Version, version + 1), ct);
        return written == 1 ? new CartWrite.Saved(version + 1) : await WhyNotAsync(snapshot.SaleId, screen, ct);
    }

    /// <summary>
    /// The screen says it is still there (written at most every <see cref="ScreenSeenEvery"/>) and learns whether it
    /// still holds the cart as it last saw it.
    /// </summary>
    public async Task<CartWrite> CheckHoldAsync(Guid saleId, RegisterScreen screen, int version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var row = await RowAsync(saleId, ct);
        if (row is null || row.HolderId != screen.Id || row.Version != version)
            return await WhyNotAsync(saleId, screen, ct);
        var now = time.GetUtcNow();
        if (row.HolderSeenAt is not { } seen || now - seen >= ScreenSeenEvery)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var written = await db.Set<OpenCart>().Where(c => c.SaleId == saleId && c.HolderId == screen.Id && c.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.HolderSeenAt, now), ct);
            if (written == 0)
                return await WhyNotAsync(saleId, screen, ct);
        }
        return new CartWrite.Saved(version);
    }

    /// <summary>
    /// Brings a suspended sale to <paramref name="screen"/>'s register. Two registers resuming it at once: the
    /// conditional update lets exactly one have it; the other gets false and nothing changes for it. The screen's
    /// own empty cart (<paramref name="replacing"/>) goes in the same transaction, so the register is never without one.
    /// </summary>
    public async Task<int?> ResumeAsync(CartSnapshot resumed, int suspendedVersion, RegisterScreen screen, Guid? replacing, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resumed);
        ArgumentNullException.ThrowIfNull(screen);
        var next = new OpenCart(resumed with { Suspended = false }, time.GetUtcNow(), screen);
        await using var probe = await factory.CreateDbContextAsync(ct);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var db = await factory.CreateDbContextAsync(token);
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            if (replacing is { } mine)
                await db.Set<OpenCart>().Where(c => c.SaleId == mine && c.HolderId == screen.Id).ExecuteDeleteAsync(token);
            var claimed = await db.Set<OpenCart>()
                .Where(c => c.SaleId == resumed.SaleId && c.Status == OpenCartStatus.Suspended && c.Version == suspendedVersion)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Register, next.Register)
                    .SetProperty(c => c.Status, OpenCartStatus.Open)
                    .SetProperty(c => c.Cart, next.Cart)
                    .SetProperty(c => c.UpdatedAt, next.UpdatedAt)
                    .SetProperty(c => c.HolderId, screen.Id)
                    .SetProperty(c => c.HolderSignIn, screen.SignIn)
                    .SetProperty(c => c.HolderName, screen.Name)
                    .SetProperty(c => c.HolderSeenAt, next.UpdatedAt)
                    .SetProperty(c => c.Version, suspendedVersion + 1), token);
            if (claimed != 1)
            {
                await transaction.RollbackAsync(token);
                return (int?)null;
            }
            await transaction.CommitAsync(token);
            return suspendedVersion + 1;
        }, ct);
    }

    /// <summary>A suspended sale with the version to name when resuming it.</summary>
    public async Task<(CartSnapshot Cart, int Version)?> FindSuspendedAsync(Guid saleId, Guid branchId, CancellationToken ct = default)
    {
        var row = await RowAsync(saleId, ct);
        return row is { Status: OpenCartStatus.Suspended } && row.BranchId == branchId ? (row.Snapshot(), row.Version) : null;
    }

    public async Task DeleteAsync(Guid saleId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Set<OpenCart>().Where(c => c.SaleId == saleId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Sales put aside at a branch, oldest first.</summary>
    public async Task<IReadOnlyList<SuspendedCart>> SuspendedAsync(Guid branchId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<OpenCart>().AsNoTracking()
            .Where(c => c.BranchId == branchId && c.Status == OpenCartStatus.Suspended)
            .Select(c => new SuspendedCart(c.SaleId, c.SaleNumber, c.Register, c.ItemCount, c.Total, c.UpdatedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.UpdatedAt)];
    }

    private async Task<OpenCart?> RowAsync(Guid saleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<OpenCart>().AsNoTracking().SingleOrDefaultAsync(c => c.SaleId == saleId, ct);
    }

    private async Task<CartWrite> WhyNotAsync(Guid saleId, RegisterScreen screen, CancellationToken ct)
    {
        var row = await RowAsync(saleId, ct);
        if (row is null || row.Status != OpenCartStatus.Open)
            return new CartWrite.Gone();
        if (row.HolderId != screen.Id)
            return new CartWrite.TakenOver(row.HolderName ?? "another screen");
        return new CartWrite.ChangedElsewhere(row.Snapshot(), row.Version);
    }
}
