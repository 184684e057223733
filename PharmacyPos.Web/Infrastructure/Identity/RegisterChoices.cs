using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>What the register box at sign-in resolved to.</summary>
public abstract record RegisterChoice
{
    /// <summary>Back-office work: signed in without a register.</summary>
    public sealed record None : RegisterChoice;

    public sealed record At(string Code) : RegisterChoice;

    public sealed record Refused(string Reason) : RegisterChoice;
}

/// <summary>
/// The registers a device can be set up at: each branch's own list, offered at sign-in. The device remembers its
/// choice in a cookie (<see cref="DeviceCookie"/>), so every screen signs in at its own register, never at a default.
/// A choice is written "BR-001/R1"; a bare "R1" means that register of the user's own branch.
/// </summary>
public sealed class RegisterChoices(IDbContextFactory<PosDbContext> factory)
{
    public const string DeviceCookie = "PharmacyPos.Register";
    public const int ValueMaxLength = Branch.CodeMaxLength + 1 + BranchRegister.CodeMaxLength;

    public sealed record Option(string Value, string BranchName, string Code, string Name);

    /// <summary>Every register in service, by branch.</summary>
    public async Task<IReadOnlyList<Option>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from r in db.Set<BranchRegister>().AsNoTracking()
                          join b in db.Set<Branch>().AsNoTracking() on r.BranchId equals b.Id
                          where r.Active
                          select new { b.Code, BranchName = b.Name, Register = r.Code, r.Name }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Register, StringComparer.Ordinal)
            .Select(r => new Option($"{r.Code}/{r.Register}", r.BranchName, r.Register, r.Name))];
    }

    /// <summary>The register chosen at sign-in, checked against the branch the user works at.</summary>
    public async Task<RegisterChoice> ResolveAsync(Guid branchId, string? chosen, CancellationToken ct = default)
    {
        var value = (chosen ?? "").Trim();
        if (value.Length == 0)
            return new RegisterChoice.None();
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Set<Branch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == branchId, ct);
        if (branch is null)
            return new RegisterChoice.Refused("Your account is not at a branch. Ask an admin.");
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && !string.Equals(value[..slash], branch.Code, StringComparison.OrdinalIgnoreCase))
            return new RegisterChoice.Refused($"That register is at another branch. You work at {branch.Name}: choose one of its registers.");
        string code;
        try
        {
            code = BranchRegister.NormalizeCode(slash >= 0 ? value[(slash + 1)..] : value);
        }
        catch (DomainException ex)
        {
            return new RegisterChoice.Refused(ex.Message);
        }
        var known = await db.Set<BranchRegister>().AsNoTracking().AnyAsync(r => r.BranchId == branchId && r.Code == code && r.Active, ct);
        return known
            ? new RegisterChoice.At(code)
            : new RegisterChoice.Refused($"{branch.Name} has no register {code}. Choose this device's register from the list.");
    }
}
