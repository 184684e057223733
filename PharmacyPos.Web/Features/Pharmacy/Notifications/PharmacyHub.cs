using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Pharmacy.Notifications;

/// <summary>A request from the counter that a pharmacist sees on their screen, on whichever instance serves them.</summary>
public sealed record CounselingRequest(Guid BranchId, string Register, string Patient, string Drug, DateTimeOffset At)
{
    public string Text => $"Counseling requested at {Register} for {Patient}" + (Drug.Length > 0 ? $" ({Drug})" : "");
}

/// <summary>
/// Counter staff call the pharmacist; pharmacists of the branch receive it. Each pharmacist's connection
/// joins its branch's group; with Redis configured the backplane carries group messages across instances.
/// </summary>
[Authorize(Policy = Policies.Counter)]
public sealed class PharmacyHub(PharmacyNotifier notifier, TimeProvider time) : Hub
{
    public const string Path = "/hubs/pharmacy";
    public const string CounselingRequested = nameof(CounselingRequested);

    public static string PharmacistsOf(Guid branchId) => $"pharmacists:{branchId:N}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User is { } user && user.IsInRole(StaffRole.Pharmacist) && user.BranchId() is { } branch)
            await Groups.AddToGroupAsync(Context.ConnectionId, PharmacistsOf(branch));
        await base.OnConnectedAsync();
    }

    /// <summary>The counter asks for the pharmacist at its own branch.</summary>
    public Task RequestCounseling(string patient, string drug)
    {
        var user = Context.User!;
        var branch = user.BranchId() ?? throw new HubException("Sign in at a branch first.");
        return notifier.RequestCounselingAsync(new CounselingRequest(branch, user.RegisterName(), Clip(patient), Clip(drug), time.GetUtcNow()));
    }

    private static string Clip(string? text) => (text ?? "").Trim() is var t && t.Length > 120 ? t[..120] : (text ?? "").Trim();
}

/// <summary>
/// Sends pharmacy notifications through the hub (so they reach pharmacists on every instance) and raises them
/// for the pharmacist screens served by this instance; those subscribe through <see cref="Received"/> after the
/// hub delivers to this instance's own listener connection.
/// </summary>
public sealed class PharmacyNotifier(IHubContext<PharmacyHub> hub)
{
    public Task RequestCounselingAsync(CounselingRequest request) =>
        hub.Clients.Group(PharmacyHub.PharmacistsOf(request.BranchId)).SendAsync(PharmacyHub.CounselingRequested, request);
}
