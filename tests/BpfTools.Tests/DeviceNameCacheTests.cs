using BpfTools.Locator;
using Xunit;

namespace BpfTools.Tests;

public class DeviceNameCacheTests
{
    [Fact]
    public void A_number_with_no_name_is_looked_up_once_per_retry_period_not_per_event()
    {
        var looked = new List<string>();
        var now = 0L;
        var vda = BlockDevices.DevT(254, 0);
        var gone = BlockDevices.DevT(4095, 7);
        var cache = new DeviceNameCache(majorMinor =>
        {
            looked.Add(majorMinor);
            return majorMinor == "254:0" ? "vda" : null;
        }, () => now);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal("vda", cache.NameOf(vda));
            Assert.Equal("4095:7", cache.NameOf(gone));
        }
        Assert.Equal(["254:0", "4095:7"], looked);

        // After the retry period the missing number is looked up again, once; a name found is never looked up again.
        now += (long)DeviceNameCache.MissRetry.TotalMilliseconds;
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal("4095:7", cache.NameOf(gone));
            Assert.Equal("vda", cache.NameOf(vda));
        }
        Assert.Equal(["254:0", "4095:7", "4095:7"], looked);
    }

    [Fact]
    public void A_device_that_appears_later_gets_its_name_after_the_retry_period()
    {
        var present = false;
        var now = 0L;
        var cache = new DeviceNameCache(_ => present ? "loop7" : null, () => now);
        var loop7 = BlockDevices.DevT(7, 7);
        Assert.Equal("7:7", cache.NameOf(loop7));
        present = true;
        Assert.Equal("7:7", cache.NameOf(loop7));
        now += (long)DeviceNameCache.MissRetry.TotalMilliseconds;
        Assert.Equal("loop7", cache.NameOf(loop7));
        present = false;
        Assert.Equal("loop7", cache.NameOf(loop7));
    }
}
