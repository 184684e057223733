using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Checkout;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// A register is a place: its open sale belongs to one screen at a time. The screen that opens the register holds
/// its open cart (<see cref="OpenCartStore"/>); a second screen is told who holds it and may take it over, and the
/// first is then locked. Every write names the version this screen last saw, so a stale screen is reloaded and
/// never overwrites.
/// </summary>
public sealed partial class RegisterSession
{
    public const string ChangedElsewhereMessage = "This sale was changed on another screen; it has been reloaded.";

    private RegisterScreen? _screen;
    private int _version;
    private CartSnapshot _saved = new();
    private int _inFlight;

    /// <summary>Another live screen holds this register; this one has not opened it.</summary>
    public RegisterOpening.HeldElsewhere? HeldElsewhere { get; private set; }

    /// <summary>Who took this register over; while set, this screen changes nothing.</summary>
    public string? LockedBy { get; private set; }

    public string LockedMessage =>
        $"Register {Register} was taken over on another screen by {LockedBy}. This screen is locked and changes nothing; take the register back to sell here.";

    private CartHold Hold => new(_screen!.Id, _version);

    /// <summary>Takes the register from the screen that holds it; that screen is locked the next time it looks (within seconds).</summary>
    public async Task<bool> TakeOverAsync(CancellationToken ct = default)
    {
        if (_screen is null)
            return false;
        if (!await OpenRegisterAsync(takeOver: true, ct))
            return false;
        Inform($"Register {Register} is on this screen now; the other screen is locked. The sale is as it was left there.");
        return true;
    }

    /// <summary>
    /// Called every few seconds by the page: says this screen is still there, and learns if another screen took the
    /// register over or changed the sale (then this screen is locked or reloaded, and told).
    /// </summary>
    public async Task<bool> PollHoldAsync(CancellationToken ct = default)
    {
        if (!Started || LockedBy is not null)
            return LockedBy is null;
        if (_inFlight > 0)
            return true;
        var (saleId, version) = (Sale.Id, _version);
        var result = await carts.CheckHoldAsync(saleId, _screen!, version, ct);
        // A change of this screen's own that ran meanwhile has moved the version: what was read is already old.
        if (result is CartWrite.Saved || _inFlight > 0 || Sale.Id != saleId || _version != version)
            return LockedBy is null;
        await LostAsync(result, ct);
        return false;
    }

    private async Task<bool> OpenRegisterAsync(bool takeOver, CancellationToken ct)
    {
        Sale? fresh = null;
        CartSnapshot NewCart()
        {
            var now = time.GetUtcNow();
            fresh = new Sale(Guid.CreateVersion7(), SaleNumbers.New(Branch, now), Branch.Id, Register, CashierId, now);
            return CartSnapshot.Of(fresh);
        }

        using var writing = Writing();
        string? takenOff = null;
        switch (await carts.OpenAsync(Branch.Id, Register, _screen!, NewCart, takeOver, Actor, ct))
        {
            case RegisterOpening.Opened opened:
                if (fresh is not null && opened.Cart.SaleId == fresh.Id)
                {
                    Sale = fresh;
                    _carry = opened.Cart;
                    _saved = opened.Cart;
                    SelectedLineId = null;
                }
                else
                {
                    takenOff = await LoadAsync(opened.Cart, ct);
                }
                _version = opened.Version;
                HeldElsewhere = null;
                LockedBy = null;
                Started = true;
                // A cart saved before prescription items were refused as store items comes back without them, saved so.
                if (takenOff is not null && await SaveAsync(ct))
                    Fail(takenOff);
                Changed?.Invoke();
                return true;
            case RegisterOpening.HeldElsewhere held:
                HeldElsewhere = held;
                if (Started)
                {
                    LockedBy = held.By;
                    Fail(LockedMessage);
                }
                Changed?.Invoke();
                return false;
            default:
                throw new InvalidOperationException("Unknown register opening.");
        }
    }

    /// <summary>The next sale at this register, written at once so the register stays this screen's while it is empty.</summary>
    private Task<bool> NewSaleAsync(CancellationToken ct) => OpenRegisterAsync(takeOver: false, ct);

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        var snapshot = CartSnapshot.Of(Sale, _carry);
        using var writing = Writing();
        var result = await carts.SaveAsync(snapshot, _screen!, _version, ct);
        if (result is CartWrite.Saved saved)
        {
            _carry = snapshot;
            _saved = snapshot;
            _version = saved.Version;
            return true;
        }
        await LostAsync(result, ct);
        return false;
    }

    /// <summary>Before money moves or a sale commits: this screen must still hold the sale as it last wrote it.</summary>
    private async Task<bool> VerifyHoldAsync(CancellationToken ct)
    {
        if (LockedBy is not null)
            return Fail(LockedMessage);
        var result = await carts.CheckHoldAsync(Sale.Id, _screen!, _version, ct);
        if (result is CartWrite.Saved)
            return true;
        await LostAsync(result, ct);
        return false;
    }

    /// <summary>This screen no longer holds the sale as it saw it: it is locked, reloaded, or given a new sale, and told which.</summary>
    private async Task LostAsync(CartWrite result, CancellationToken ct)
    {
        switch (result)
        {
            case CartWrite.TakenOver taken:
                LockedBy = taken.By;
                try
                {
                    // The screen shows the sale as it last wrote it: a change it could not write is not shown as made.
                    await LoadAsync(_saved, ct);
                }
                catch (DomainException)
                {
                    // The other screen has the sale; this one only shows it.
                }
                Fail(LockedMessage);
                break;
            case CartWrite.ChangedElsewhere changed:
                await LoadAsync(changed.Current, ct);
                _version = changed.Version;
                Fail(ChangedElsewhereMessage);
                break;
            default:
                var number = Sale.SaleNumber;
                if (await NewSaleAsync(ct))
                    Fail($"Sale {number} is no longer open here: it was paid, voided or suspended on another screen. This register has a new sale.");
                break;
        }
    }

    private InFlight Writing()
    {
        _inFlight++;
        return new InFlight(this);
    }

    /// <summary>A write of this screen's under way: the page's check of the hold waits for the next round.</summary>
    private sealed class InFlight(RegisterSession session) : IDisposable
    {
        public void Dispose() => session._inFlight--;
    }
}
