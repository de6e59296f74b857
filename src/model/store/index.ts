export { OrgStore, type StoreChange, type StoredList, type ChangeReason } from './orgStore';
export { listRef, listKey, inScope, type ListRef } from './listRef';
export { RESOURCES, type ResourceName, type ItemOfResource, type ResourceDef } from './resources';
export { upsert, remove, invalidate, type StoreEffect } from './effects';
export { Emitter, type Subscription } from './emitter';
