using Microsoft.AspNetCore.Identity;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>A member of staff who signs in. Their one role is an Identity role; their home branch is where they work by default.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 80;

    public StaffUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    public Guid HomeBranchId { get; set; }
    /// <summary>Hash of the register PIN used to unlock a locked register (never the PIN itself).</summary>
    public string? PinHash { get; set; }
    public bool Active { get; set; } = true;
}
