using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Administration.Staff;

public sealed class StaffDirectory(IDbContextFactory<PosDbContext> factory, TimeProvider time)
{
    public sealed record Row(Guid Id, string DisplayName, string UserName, string Role, string Branch, bool Active, bool LockedOut, Guid HomeBranchId);

    public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var rows = await (from u in db.Users.AsNoTracking()
                          join b in db.Set<Branch>() on u.HomeBranchId equals b.Id
                          select new
                          {
                              u.Id, u.DisplayName, u.UserName, u.Active, u.LockoutEnd, u.HomeBranchId, Branch = b.Name,
                              Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                          }).ToListAsync(ct);
        return rows.OrderBy(r => r.DisplayName)
            .Select(r => new Row(r.Id, r.DisplayName, r.UserName ?? "", r.Role ?? "", r.Branch, r.Active, r.LockoutEnd > now, r.HomeBranchId))
            .ToList();
    }
}
