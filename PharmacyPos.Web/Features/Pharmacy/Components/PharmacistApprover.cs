using Microsoft.AspNetCore.Identity;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Pharmacy.Components;

/// <summary>A pharmacist at the counter confirms who they are with their own user name and password.</summary>
public interface IPharmacistApprover
{
    /// <summary>The pharmacist's id and user name, or a refusal in the cashier's words.</summary>
    Task<(Guid Id, string UserName)> IdentifyAsync(string? userName, string? password, CancellationToken ct = default);
}

internal sealed class PharmacistApprover(IServiceScopeFactory scopes) : IPharmacistApprover
{
    public async Task<(Guid Id, string UserName)> IdentifyAsync(string? userName, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            throw new DomainException("The pharmacist enters their user name and password.");
        // A scope per check: the user store's context lives for this check only, never for the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || !user.Active || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password))
        {
            if (user is not null)
                await users.AccessFailedAsync(user);
            throw new DomainException("That user name and password do not match a pharmacist; try again.");
        }
        if (!await users.IsInRoleAsync(user, StaffRole.Pharmacist))
            throw new DomainException($"{user.DisplayName} is not a pharmacist; only a pharmacist can approve this.");
        await users.ResetAccessFailedCountAsync(user);
        return (user.Id, user.UserName!);
    }
}
