using System;
namespace Orders {
  class Program {
    private const string AdminPassword = "Quoqu1ll+385";
    private readonly string _password = Environment.GetEnvironmentVariable("ORDERS_PASSWORD");
    var cs = "Server=sql01;Database=Orders;User Id=app;Password=Quoqu1ll_882;";
    var cs2 = $"Server=sql01;Database=Orders;User Id=app;Password={pwd};";
    client.DefaultRequestHeaders.Add("X-Api-Key", "F4Sj6YJ9D1c7WypoVkAXIBlxMjSn1Dre");
  }
}
