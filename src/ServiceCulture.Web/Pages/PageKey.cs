using System.Globalization;

namespace ServiceCulture.Web.Pages;

/// <summary>
/// Where a newest-first list resumes: after the item with this time and, among items of the same
/// time, this id. Written in links as <c>ticks_id</c>; anything else (a forged, truncated or
/// out-of-range value) reads as "no key", which shows the first page.
/// </summary>
public readonly record struct PageKey(DateTime At, long Id)
{
    public static PageKey After(DateTime at, long id) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc), id);

    public static PageKey? Parse(string? value)
    {
        var parts = value?.Split('_');
        if (parts is not [var ticks, var id]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || t <= 0 || t > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new PageKey(new DateTime(t, DateTimeKind.Utc), i);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.Ticks}_{Id}");
}
