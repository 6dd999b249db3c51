using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Standing.Server.Documents;

/// <summary>
/// One page of a list: <c>limit</c> (1–1000, default 100) items from an opaque <c>cursor</c>. The
/// answer's <c>Link: &lt;…&gt;; rel="next"</c> and <c>Next-Cursor</c> headers say how to get the next
/// page, and are absent on the last one: the documents themselves stay the CLI's.
/// </summary>
public readonly record struct Page(int Offset, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static bool TryParse(int? limit, string? cursor, out Page page, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        page = default;
        problem = null;
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            problem = Problems.BadField("limit", $"limit {size} is not between 1 and {MaxLimit}");
            return false;
        }
        var offset = 0;
        if (cursor is not null && !TryOffset(cursor, out offset))
        {
            problem = Problems.BadField("cursor", "cursor is not one this server gave (take it from the Next-Cursor header of the previous page)");
            return false;
        }
        page = new Page(offset, size);
        return true;
    }

    /// <summary>This page of <paramref name="all"/>; sets the next-page headers when more follow.</summary>
    public List<T> Of<T>(IReadOnlyList<T> all, HttpContext context)
    {
        var items = all.Skip(Offset).Take(Limit).ToList();
        if (Offset + Limit < all.Count) SetNext(context, Cursor(Offset + Limit));
        return items;
    }

    /// <summary>This page of rows read from <see cref="Offset"/>, at most <see cref="Limit"/> + 1 of them (one more tells that more follow).</summary>
    public List<T> OfRead<T>(IReadOnlyList<T> read, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Count > Limit) SetNext(context, Cursor(Offset + Limit));
        return read.Take(Limit).ToList();
    }

    public static void SetNext(HttpContext context, string cursor)
    {
        var request = context.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["cursor"] = cursor;
        var url = QueryHelpers.AddQueryString(request.PathBase + request.Path, query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
        context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
        context.Response.Headers["Next-Cursor"] = cursor;
    }

    public static string Cursor(int offset) => WebEncoders.Base64UrlEncode(Encoding.ASCII.GetBytes("o" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryOffset(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
