using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Web.Features.Counter.Register;

public enum OpenCartStatus
{
    /// <summary>The sale on the register now; at most one per branch and register.</summary>
    Open,
    /// <summary>Put aside; any register of the branch may resume it.</summary>
    Suspended,
}

/// <summary>
/// A sale not yet paid for, kept in the database after every change so that a dropped connection, a page reload
/// or a restart of the app finds it again at the same register. <see cref="Cart"/> is a <see cref="CartSnapshot"/>
/// as JSON: what it takes to rebuild the sale, and the evidence collected for it. The row goes when the sale
/// commits or is voided.
/// </summary>
/// <remarks>
/// The open cart is also the register's lease: <see cref="HolderId"/> names the one screen (circuit) that may change
/// it, and <see cref="Version"/> goes up with every write, so a write is made only by the holder and only on top of
/// what that screen last saw (<see cref="OpenCartStore"/>). Both live in the database, so they hold across instances.
/// </remarks>
public sealed class OpenCart
{
    private OpenCart() { }

    public OpenCart(CartSnapshot snapshot, DateTimeOffset at, RegisterScreen? holder = null)
    {
        SaleId = snapshot.SaleId;
        Update(snapshot, at);
        Version = 1;
        if (holder is not null && !snapshot.Suspended)
        {
            HolderId = holder.Id;
            HolderSignIn = holder.SignIn;
            HolderName = holder.Name;
            HolderSeenAt = UpdatedAt;
        }
    }

    public Guid SaleId { get; private set; }
    public Guid BranchId { get; private set; }
    public string Register { get; private set; } = "";
    public OpenCartStatus Status { get; private set; }
    public string SaleNumber { get; private set; } = "";
    public Guid CashierUserId { get; private set; }
    /// <summary>Items on the sale and its total, for the list of suspended sales.</summary>
    public int ItemCount { get; private set; }
    public decimal Total { get; private set; }
    public string Cart { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Goes up by one with every write; a write names the version it read.</summary>
    public int Version { get; private set; }
    /// <summary>The screen that holds the register's open sale; none while the sale is suspended.</summary>
    public Guid? HolderId { get; private set; }
    /// <summary>The sign-in of that screen: a reload in the same browser takes the register back without asking.</summary>
    public string? HolderSignIn { get; private set; }
    /// <summary>Who is at that screen, to tell a second screen who holds the register.</summary>
    public string? HolderName { get; private set; }
    /// <summary>When that screen last said it is still there.</summary>
    public DateTimeOffset? HolderSeenAt { get; private set; }

    public void Update(CartSnapshot snapshot, DateTimeOffset at)
    {
        BranchId = snapshot.BranchId;
        Register = snapshot.Register;
        Status = snapshot.Suspended ? OpenCartStatus.Suspended : OpenCartStatus.Open;
        SaleNumber = snapshot.SaleNumber;
        CashierUserId = snapshot.CashierUserId;
        ItemCount = snapshot.Lines.Where(l => l.VoidReason is null).Sum(l => l.Quantity);
        Total = snapshot.Total;
        Cart = CartJson.Serialize(snapshot);
        UpdatedAt = at.ToUniversalTime();
    }

    public CartSnapshot Snapshot() => CartJson.Deserialize(Cart);
}

internal sealed class OpenCartConfiguration : IEntityTypeConfiguration<OpenCart>
{
    public void Configure(EntityTypeBuilder<OpenCart> b)
    {
        b.ToTable("register_carts");
        b.HasKey(x => x.SaleId);
        b.Property(x => x.SaleId).ValueGeneratedNever();
        b.Property(x => x.Register).HasMaxLength(Sale.RegisterIdMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SaleNumber).HasMaxLength(Sale.SaleNumberMaxLength);
        b.Property(x => x.Total).HasPrecision(12, 2);
        b.HasOne<Branch>().WithMany().HasForeignKey(x => x.BranchId).OnDelete(DeleteBehavior.Restrict);
        // One open sale per register; suspended ones wait beside it.
        b.HasIndex(x => new { x.BranchId, x.Register }).IsUnique().HasFilter("status = 'Open'")
            .HasDatabaseName("ix_register_carts_open_per_register");
        b.HasIndex(x => new { x.BranchId, x.Status });
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.HolderSignIn).HasMaxLength(RegisterScreen.SignInMaxLength);
        b.Property(x => x.HolderName).HasMaxLength(RegisterScreen.NameMaxLength);
    }
}
