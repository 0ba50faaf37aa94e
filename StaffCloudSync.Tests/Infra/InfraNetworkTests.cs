using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// networkIsolation (on in prod's parameters) closes the data plane: Key Vault and storage refuse public traffic and
/// are reached through private endpoints in a virtual network the function app joins, with private DNS so their usual
/// names resolve there, and a NAT gateway as the app's one way out to the partners.
/// </summary>
public partial class InfraNetworkTests
{
    private static ArmTemplate Network => InfraBuild.Main.Modules.Single(m => m.ModuleName == "network");

    private static ArmResource InNetwork(string type) => Network.Resources.Single(r => r.Type == type);

    /// <summary>The endpoints the network module loops over (its <c>endpoints</c> variable).</summary>
    private static List<string> EndpointNames() =>
        InNetwork("Microsoft.Network/privateEndpoints").CopyItems()!.Select(e => e!["name"]!.GetValue<string>()).ToList();

    [Test]
    public void IsOnInProd_OffInDev_AndOffByDefault()
    {
        Assert.Multiple(() =>
        {
            Assert.That(InfraBuild.ProdParameters["networkIsolation"]!["value"]!.GetValue<bool>(), Is.True);
            Assert.That(InfraBuild.DevParameters["networkIsolation"]?["value"]?.GetValue<bool>() ?? false, Is.False);
            Assert.That(InfraBuild.Main.Root["parameters"]!["networkIsolation"]!["defaultValue"]!.GetValue<bool>(), Is.False);
            Assert.That(Network.Deployment!["condition"]!.GetValue<string>(), Is.EqualTo("[parameters('networkIsolation')]"));
        });
    }

    [Test]
    public void KeyVaultAndStorage_TurnPublicAccessOff_WithIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(InfraBuild.Main.Root["variables"]!["dataPlanePublicAccess"]!.GetValue<string>(), Is.EqualTo("[if(parameters('networkIsolation'), 'Disabled', 'Enabled')]"));
            foreach (var type in new[] { "Microsoft.KeyVault/vaults", "Microsoft.Storage/storageAccounts" })
            {
                var resource = InfraBuild.Main.AllOfType(type).Single();
                Assert.That(resource.Text("properties.publicNetworkAccess"), Is.EqualTo("[parameters('publicNetworkAccess')]"), type);
                Assert.That(resource.Template.PassedParameter("publicNetworkAccess"), Is.EqualTo("[variables('dataPlanePublicAccess')]"), type);
                Assert.That(resource.Text("properties.networkAcls.defaultAction"), Is.EqualTo("[if(equals(parameters('publicNetworkAccess'), 'Disabled'), 'Deny', 'Allow')]"), type);
                Assert.That(resource.Text("properties.networkAcls.bypass"), Is.EqualTo("[if(equals(parameters('publicNetworkAccess'), 'Disabled'), 'None', 'AzureServices')]"), type);
            }
        });
    }

    [Test]
    public void PrivateEndpoints_ForKeyVault_AndTheBlobQueueAndTableServices()
    {
        var endpoint = InNetwork("Microsoft.Network/privateEndpoints");
        var connection = endpoint.At("properties.privateLinkServiceConnections")!.AsArray().Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(EndpointNames(), Is.EquivalentTo(new[] { "vault", "blob", "queue", "table" }));
            Assert.That(connection["properties"]!["groupIds"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("[variables('endpoints')[copyIndex()].name]"));
            Assert.That(connection["properties"]!["privateLinkServiceId"]!.GetValue<string>(), Is.EqualTo(
                "[if(equals(variables('endpoints')[copyIndex()].name, 'vault'), resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')))]"));
            Assert.That(Network.PassedParameter("keyVaultName"), Is.EqualTo("[variables('names').keyVault]"));
            Assert.That(Network.PassedParameter("storageAccountName"), Is.EqualTo("[variables('names').storage]"));
            Assert.That(endpoint.Text("properties.subnet.id"), Is.EqualTo("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('virtualNetworkName'), variables('privateEndpointSubnetName'))]"));
        });
    }

    [Test]
    public void EachEndpoint_HasItsPrivateDnsZone_LinkedToTheNetwork()
    {
        var endpoints = InNetwork("Microsoft.Network/privateEndpoints").CopyItems()!;
        var zones = InNetwork("Microsoft.Network/privateDnsZones");
        var links = InNetwork("Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        var groups = InNetwork("Microsoft.Network/privateEndpoints/privateDnsZoneGroups");

        Assert.Multiple(() =>
        {
            foreach (var endpoint in endpoints)
            {
                var service = endpoint!["name"]!.GetValue<string>();
                var zone = endpoint["zone"]!.GetValue<string>();
                // privatelink.<service>.core.windows.net in the public cloud; Key Vault's is privatelink.vaultcore.azure.net.
                Assert.That(zone, service == "vault"
                    ? Does.StartWith("[format('privatelink{0}', replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.'))")
                    : Is.EqualTo($"[format('privatelink.{service}.{{0}}', environment().suffixes.storage)]"), service);
            }

            Assert.That(zones.Text("name"), Is.EqualTo("[variables('endpoints')[copyIndex()].zone]"));
            Assert.That(links.Text("properties.virtualNetwork.id"), Is.EqualTo("[resourceId('Microsoft.Network/virtualNetworks', parameters('virtualNetworkName'))]"));
            Assert.That(links.Flag("properties.registrationEnabled"), Is.False);
            Assert.That(groups.At("properties.privateDnsZoneConfigs")!.AsArray().Single()!["properties"]!["privateDnsZoneId"]!.GetValue<string>(),
                Is.EqualTo("[resourceId('Microsoft.Network/privateDnsZones', variables('endpoints')[copyIndex()].zone)]"));
            foreach (var loop in new[] { zones, links, groups })
            {
                Assert.That(loop.CopyItems(), Has.Count.EqualTo(endpoints.Count), loop.ToString());
            }
        });
    }

    [Test]
    public void FunctionApp_JoinsTheDelegatedSubnet_WithANatGatewayOut_AndStartsAfterTheEndpoints()
    {
        var app = InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single();
        var appSubnet = AppSubnet();

        Assert.Multiple(() =>
        {
            Assert.That(app.Text("properties.virtualNetworkSubnetId"), Is.EqualTo("[if(empty(parameters('virtualNetworkSubnetId')), null(), parameters('virtualNetworkSubnetId'))]"));
            Assert.That(app.Template.PassedParameter("virtualNetworkSubnetId"), Is.EqualTo("[variables('appSubnetId')]"));
            Assert.That(InfraBuild.Main.Root["variables"]!["appSubnetId"]!.GetValue<string>(), Is.EqualTo(
                "[if(parameters('networkIsolation'), resourceId('Microsoft.Network/virtualNetworks/subnets', variables('names').virtualNetwork, variables('appSubnetName')), '')]"));
            // The subnet the app points at is the one the network module creates, in the network it names.
            Assert.That(Network.PassedParameter("appSubnetName"), Is.EqualTo("[variables('appSubnetName')]"));
            Assert.That(Network.PassedParameter("virtualNetworkName"), Is.EqualTo("[variables('names').virtualNetwork]"));
            Assert.That(appSubnet["name"]!.GetValue<string>(), Is.EqualTo("[parameters('appSubnetName')]"));
            Assert.That(appSubnet["properties"]!["delegations"]!.AsArray().Single()!["properties"]!["serviceName"]!.GetValue<string>(), Is.EqualTo("Microsoft.App/environments"));
            Assert.That(appSubnet["properties"]!["natGateway"]!["id"]!.GetValue<string>(), Is.EqualTo("[resourceId('Microsoft.Network/natGateways', parameters('natGatewayName'))]"));
            Assert.That(InNetwork("Microsoft.Network/natGateways").At("properties.publicIpAddresses")!.AsArray().Single()!["id"]!.GetValue<string>(),
                Is.EqualTo("[resourceId('Microsoft.Network/publicIPAddresses', parameters('outboundIpName'))]"));
            Assert.That(InNetwork("Microsoft.Network/publicIPAddresses").Text("properties.publicIPAllocationMethod"), Is.EqualTo("Static"));
            Assert.That(app.Template.Deployment!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()), Does.Contain("[resourceId('Microsoft.Resources/deployments', 'network')]"));
        });
    }

    [Test]
    public void Subnets_FitTheProdAddressSpace_WithoutOverlapping()
    {
        var space = IPNetwork.Parse(InfraBuild.ProdParameters["virtualNetworkAddressPrefix"]?["value"]?.GetValue<string>()
            ?? InfraBuild.Main.Root["parameters"]!["virtualNetworkAddressPrefix"]!["defaultValue"]!.GetValue<string>());
        var subnets = InNetwork("Microsoft.Network/virtualNetworks").At("properties.subnets")!.AsArray()
            .Select(s => CidrSubnet(space, s!["properties"]!["addressPrefix"]!.GetValue<string>())).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(subnets, Has.Count.EqualTo(2));
            Assert.That(subnets.Select(s => space.Contains(s.BaseAddress) && space.Contains(Last(s))), Is.All.True, string.Join(", ", subnets));
            Assert.That(subnets[0].Contains(subnets[1].BaseAddress) || subnets[1].Contains(subnets[0].BaseAddress), Is.False, string.Join(", ", subnets));
            // One address per instance, and Azure keeps five of every subnet.
            Assert.That(Math.Pow(2, 32 - subnets[0].PrefixLength) - 5, Is.GreaterThanOrEqualTo(InfraBuild.ProdParameters["maximumInstanceCount"]!["value"]!.GetValue<int>()));
        });
    }

    private static System.Text.Json.Nodes.JsonNode AppSubnet() =>
        InNetwork("Microsoft.Network/virtualNetworks").At("properties.subnets")!.AsArray()
            .Single(s => s!["properties"]!["delegations"] is not null)!;

    /// <summary>ARM's cidrSubnet(space, bits, index): the index-th block of that size within the space.</summary>
    private static IPNetwork CidrSubnet(IPNetwork space, string expression)
    {
        var match = CidrSubnetCall().Match(expression);
        Assert.That(match.Success, Is.True, $"{expression} is not cidrSubnet(parameters('addressPrefix'), n, i)");
        var (bits, index) = (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var start = ToNumber(space.BaseAddress) + ((uint)index << (32 - bits));
        return new IPNetwork(FromNumber(start), bits);
    }

    private static IPAddress Last(IPNetwork network) => FromNumber(ToNumber(network.BaseAddress) + (uint)((1L << (32 - network.PrefixLength)) - 1));

    private static uint ToNumber(IPAddress address)
    {
        Assert.That(address.AddressFamily, Is.EqualTo(AddressFamily.InterNetwork));
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static IPAddress FromNumber(uint number) => new([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]);

    [GeneratedRegex(@"^\[cidrSubnet\(parameters\('addressPrefix'\), (\d+), (\d+)\)\]$")]
    private static partial Regex CidrSubnetCall();
}
