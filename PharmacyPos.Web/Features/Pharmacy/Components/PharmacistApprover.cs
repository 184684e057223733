using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Pharmacy.Components;

/// <summary>A pharmacist at the counter confirms who they are with their own user name and password.</summary>
public interface IPharmacistApprover
{
    /// <summary>The pharmacist's id and user name, or a refusal in the cashier's words.</summary>
    /// <param name="client">Where the approval is typed (<see cref="CredentialAttempts.ClientOf"/>): wrong tries are limited per client.</param>
    Task<(Guid Id, string UserName)> IdentifyAsync(string? userName, string? password, string client, CancellationToken ct = default);
}

/// <summary>
/// Wrong tries are limited per register and per user name and do not count toward the pharmacist's lockout: a
/// cashier must not be able to lock the pharmacist out of signing in (see <see cref="CredentialAttempts"/>).
/// </summary>
internal sealed class PharmacistApprover(ApproverCredentials approvers) : IPharmacistApprover
{
    public async Task<(Guid Id, string UserName)> IdentifyAsync(string? userName, string? password, string client, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            throw new DomainException("The pharmacist enters their user name and password.");
        ct.ThrowIfCancellationRequested();
        return await approvers.CheckAsync(userName, password, client) switch
        {
            ApproverCheck.Verified { Roles: var roles, User: var user } when !roles.Contains(StaffRole.Pharmacist) =>
                throw new DomainException($"{user.DisplayName} is not a pharmacist; only a pharmacist can approve this."),
            ApproverCheck.Verified { User: var user } => (user.Id, user.UserName!),
            ApproverCheck.TooManyAttempts => throw new DomainException(CredentialAttempts.TooMany),
            _ => throw new DomainException("That user name and password do not match a pharmacist; try again."),
        };
    }
}
