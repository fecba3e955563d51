using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>An entity type with a table of its own: the store finds the table and the mapping from the type alone.</summary>
internal interface IStoredEntity<out TSelf>
{
    static abstract string TableName { get; }

    static abstract TSelf FromTableEntity(TableEntity row);
}
