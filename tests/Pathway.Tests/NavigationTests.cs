using Pathway.Web;

namespace Pathway.Tests;

public class NavigationTests
{
    /// <summary>A doubled line in the table is hidden at run time (the menu drops repeated texts), so it is caught here.</summary>
    [Fact]
    public void EachRoleListsEachAreaOnce()
    {
        var repeated = Navigation.Items.GroupBy(i => (i.Role, i.Item.Href)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Role} {g.Key.Href}").ToList();
        Assert.Empty(repeated);
        var sameText = Navigation.Items.GroupBy(i => (i.Role, i.Item.Text)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Role} {g.Key.Text}").ToList();
        Assert.Empty(sameText);
    }
}
