using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Audit;

/// <summary>
/// Who did it, as known at the moment: the signed-in user (or the name typed at a failed
/// sign-in, with no id), their role, and the branch and register they were at.
/// </summary>
public sealed record AuditActor
{
    public const int UserNameMaxLength = 256;
    public const int RoleMaxLength = 32;
    public const int RegisterMaxLength = 32;

    public AuditActor(Guid? userId, string userName, string role, Guid? branchId = null, string? register = null)
    {
        var name = (userName ?? string.Empty).Trim();
        if (name.Length == 0)
            throw new DomainException("An audit record needs the name of the person who acted.");
        if (name.Length > UserNameMaxLength)
            throw new DomainException($"A user name in the audit trail has at most {UserNameMaxLength} characters.");
        var trimmedRole = (role ?? string.Empty).Trim();
        if (trimmedRole.Length > RoleMaxLength)
            throw new DomainException($"A role in the audit trail has at most {RoleMaxLength} characters.");
        var trimmedRegister = string.IsNullOrWhiteSpace(register) ? null : register.Trim();
        if (trimmedRegister?.Length > RegisterMaxLength)
            throw new DomainException($"A register name in the audit trail has at most {RegisterMaxLength} characters.");
        UserId = userId;
        UserName = name;
        Role = trimmedRole;
        BranchId = branchId;
        Register = trimmedRegister;
    }

    public Guid? UserId { get; }
    public string UserName { get; }
    public string Role { get; }
    public Guid? BranchId { get; }
    public string? Register { get; }
}
