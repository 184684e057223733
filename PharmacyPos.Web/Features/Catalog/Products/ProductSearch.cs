using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Catalog.Products;

/// <summary>Finds products by name words, barcode or NDC; names that start with the words rank first.</summary>
public sealed class ProductSearch(IDbContextFactory<PosDbContext> factory)
{
    public sealed record Row(Guid Id, string Name, string Barcode, string Ndc, string Category, string Price,
        bool Rx, DeaSchedule Schedule, bool ListedChemical, int? MinimumAge, bool FsaHsa);

    public async Task<IReadOnlyList<Row>> FindAsync(string query, int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Set<Product>().AsNoTracking().Where(p => p.Active);
        var text = (query ?? string.Empty).Trim();
        if (Gtin.TryParse(text, out var gtin, out _))
        {
            q = q.Where(p => p.Gtin == gtin);
        }
        else if (text.Length > 0 && text.Replace("-", "", StringComparison.Ordinal) is { Length: 11 } digits && digits.All(char.IsAsciiDigit))
        {
            var ndc = Ndc.FromEleven(digits);
            q = q.Where(p => p.Ndc == ndc);
        }
        else
        {
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pattern = $"%{EscapeLike(word.ToLowerInvariant())}%";
                q = q.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, "\\"));
            }
        }
        var lower = text.ToLowerInvariant();
        var products = await q
            .OrderBy(p => lower.Length > 0 && p.Name.ToLower().StartsWith(lower) ? 0 : 1)
            .ThenBy(p => p.Name)
            .Take(max)
            .ToListAsync(ct);
        return products.Select(ToRow).ToList();
    }

    public static Row ToRow(Product p) => new(p.Id, p.Name, p.Gtin.ToString(), p.Ndc?.ToString() ?? "", p.Category, p.Price.ToString(),
        p.RxOnly, p.Schedule, p.ListedChemical is not null, p.MinimumAge, p.FsaHsaEligible);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
