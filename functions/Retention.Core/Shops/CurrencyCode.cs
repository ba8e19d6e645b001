namespace Retention.Core.Shops;

public static class CurrencyCode
{
    public static bool IsValid(string? code) => code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');
}
