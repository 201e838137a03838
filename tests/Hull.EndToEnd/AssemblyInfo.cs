// One QEMU at a time: the machine has two cores, and each guest uses both.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
