using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pathway.PublicSite;

/// <summary>The public front door: every way in, without signing in.</summary>
[AllowAnonymous]
public class HelpModel : PageModel
{
    public IReadOnlyList<(string Title, string Text, string Href)> Routes { get; } =
    [
        ("Refer yourself", "Ask your local service to contact you, in the way that is safe for you. It takes about 5 minutes.", "/self-referral"),
        ("Check your drinking", "Answer a few questions to see if your drinking could be harming you, with advice and a drinks diary.", "/alcohol-check"),
        ("Worried about someone else?", "Support for family members and carers: ask us to contact you, or come to a carers' group.", "/carers"),
        ("Where to get help", "Opening times, drop-in sessions and needle and syringe programmes near you.", "/services"),
    ];
}
