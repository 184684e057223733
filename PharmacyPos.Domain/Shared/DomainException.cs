namespace PharmacyPos.Domain.Shared;

/// <summary>
/// A rule of the pharmacy was broken. The message is written for the person at the counter:
/// it says what is wrong in their words and is safe to show on screen as it is.
/// </summary>
public class DomainException(string message) : Exception(message);
