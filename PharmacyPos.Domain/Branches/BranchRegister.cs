using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Branches;

/// <summary>
/// A register of a branch: a place at the counter with its own drawer and screen ("R1", "RX1"). A device is set up
/// at one register and remembers it; one open sale belongs to one register, so two screens never sell from one cart.
/// </summary>
public sealed class BranchRegister
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 60;

    private BranchRegister() { }

    public BranchRegister(Guid branchId, string code, string name)
    {
        if (branchId == Guid.Empty)
            throw new DomainException("A register belongs to a branch.");
        BranchId = branchId;
        Code = NormalizeCode(code);
        Name = Text.Required(name, NameMaxLength, "register name");
        Active = true;
    }

    public Guid BranchId { get; private set; }
    /// <summary>What the receipt, the audit trail and the cashier call it: "R1".</summary>
    public string Code { get; private set; } = "";
    /// <summary>Where it is: "Front counter", "Pharmacy pickup".</summary>
    public string Name { get; private set; } = "";
    /// <summary>A register taken out of service is not offered at sign-in.</summary>
    public bool Active { get; private set; }

    public void Retire() => Active = false;

    /// <summary>Register codes are compared as the cashier reads them: trimmed, upper case.</summary>
    public static string NormalizeCode(string? code)
    {
        var value = Text.Required(code, CodeMaxLength, "register").ToUpperInvariant();
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new DomainException("A register is letters, digits and dashes, for example R1.");
        return value;
    }
}
