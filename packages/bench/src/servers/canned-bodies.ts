/** Valid success envelopes: the documented examples of each call, serialised once. */
export const UPLOAD_BODY = JSON.stringify({
  code: 0,
  msg: null,
  data: { assetId: 'asset-20260330142158-q75m8' },
});
export const DETAIL_BODY = JSON.stringify({
  code: 0,
  msg: null,
  data: {
    name: 'Cat Image',
    assetId: 'asset-20260330142158-q75m8',
    status: 'Active',
    assetType: 'Image',
    url: 'https://example.com/cat.jpg',
    createTime: '2026-03-30 14:21:58',
  },
});
export const DELETE_BODY = JSON.stringify({ code: '0', msg: '删除成功', data: null });
