using System.Text;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>The parameters of the <c>Bearer</c> challenge in a <c>WWW-Authenticate</c> header (RFC 9110 auth-params).</summary>
internal static class BearerChallenge
{
    /// <summary>
    /// <c>Bearer authorization="https://login…/tenant", resource="https://vault.azure.net"</c> gives both parameters,
    /// names compared without case; null if the header holds no Bearer challenge. Other schemes in the header are skipped.
    /// </summary>
    public static Dictionary<string, string>? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        Dictionary<string, string>? bearer = null;
        Dictionary<string, string>? current = null;
        var i = 0;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            var start = i;
            while (i < header.Length && header[i] is not (' ' or '\t' or ',' or '='))
            {
                i++;
            }

            var token = header[start..i];
            while (i < header.Length && header[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < header.Length && header[i] == '=')
            {
                i++;
                while (i < header.Length && header[i] is ' ' or '\t')
                {
                    i++;
                }

                var value = i < header.Length && header[i] == '"' ? Quoted(header, ref i) : Unquoted(header, ref i);
                if (current is not null && token.Length > 0)
                {
                    current[token] = value;
                }
            }
            else if (token.Length > 0)
            {
                // A new challenge: its scheme. Only Bearer's parameters are kept.
                current = token.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                    ? bearer ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                    : null;
            }
        }

        return bearer;
    }

    private static string Quoted(string header, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < header.Length && header[i] != '"'; i++)
        {
            if (header[i] == '\\' && i + 1 < header.Length)
            {
                i++;
            }

            value.Append(header[i]);
        }

        i++; // the closing quote
        return value.ToString();
    }

    private static string Unquoted(string header, ref int i)
    {
        var start = i;
        while (i < header.Length && header[i] is not (',' or ' ' or '\t'))
        {
            i++;
        }

        return header[start..i];
    }
}
