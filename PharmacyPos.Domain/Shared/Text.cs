namespace PharmacyPos.Domain.Shared;

/// <summary>Text fields as people type them: trimmed, required, and within the column's length.</summary>
public static class Text
{
    public static string Required(string? value, int maxLength, string what)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0)
            throw new DomainException($"The {what} is required.");
        if (v.Length > maxLength)
            throw new DomainException($"The {what} is at most {maxLength} characters.");
        return v;
    }
}
