using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class SettingsDefaultsTests
{
    [Fact]
    public void For_DefaultVariant_PassesValidation()
    {
        var defaults = SettingsDefaults.For(SettingsDefaults.DefaultVariant);

        SettingsValidator.Validate(SettingsTree.Unflatten(defaults)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("settings.motd", "\"Welcome to Hull!\"")]
    [InlineData("settings.updates.ignore-waves", "false")]
    [InlineData("settings.host-containers.admin.enabled", "false")]
    [InlineData("settings.host-containers.control.enabled", "true")]
    [InlineData("settings.api.remote.enabled", "false")]
    [InlineData("settings.kernel.lockdown", "\"integrity\"")]
    public void For_DefaultVariant_HasTheDocumentedValue(string key, string json)
    {
        SettingsDefaults.For("default")[key].ShouldBe(json);
    }

    [Fact]
    public void For_UnknownVariant_Throws()
    {
        Should.Throw<ArgumentException>(() => SettingsDefaults.For("aws-k8s")).Message.ShouldContain("aws-k8s");
    }
}
