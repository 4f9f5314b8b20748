using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pathway.PublicSite;

/// <summary>The public front door: every way in, without signing in.</summary>
[AllowAnonymous]
public class HelpModel : PageModel
{
    public IReadOnlyList<(string Title, string Text, string Href)> Routes { get; } =
    [
        ("Where to get help", "Opening times, drop-in sessions and needle and syringe programmes near you.", "/services"),
    ];
}
